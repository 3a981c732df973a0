// The Prisma CLI's config for the PostgreSQL schema (generate, migrate diff, db execute):
// like ../../prisma.config.ts, a driver adapter so the CLI downloads no engine. Migrations
// are applied by scripts/migrate.mjs: `prisma migrate deploy` fails here (STACK.md).
import { defineConfig } from "prisma/config";
import { PrismaPg } from "@prisma/adapter-pg";

// The schema's env("DATABASE_URL") must be a PostgreSQL URL, or the CLI wants an engine;
// generate and diff never connect, so a placeholder does when none is set.
if (!/^postgres(ql)?:\/\//.test(process.env.DATABASE_URL ?? "")) process.env.DATABASE_URL = "postgresql://localhost/unused";

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: "schema.prisma",
  migrations: { path: "migrations" },
  async adapter() {
    return new PrismaPg({ connectionString: process.env.DATABASE_URL });
  },
});
