// Prisma 6.19 with the WebAssembly schema engine: naming a driver adapter here lets
// `prisma migrate deploy` run with no native engine download (see ../shared/STACK.md).
import { existsSync } from "node:fs";
import { defineConfig } from "prisma/config";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";

// With a config file the Prisma CLI no longer reads .env itself. The schema's
// env("DATABASE_URL") must resolve, or `prisma generate` tries to download an engine.
if (!process.env.DATABASE_URL && existsSync(".env")) process.loadEnvFile(".env");
process.env.DATABASE_URL ??= "file:./prisma/dev.db";

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  async adapter() {
    return new PrismaBetterSQLite3({ url: process.env.DATABASE_URL ?? "" });
  },
});
