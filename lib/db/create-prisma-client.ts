// Builds a Prisma client over better-sqlite3 with the pragmas this app relies on.
// Shared by the app (lib/db.ts), the seed and the tests; no "server-only" here so
// scripts can import it.
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "@/lib/generated/prisma/client";

/**
 * WAL lets readers run beside the writer. synchronous=NORMAL in WAL mode keeps every
 * committed transaction across a process crash (kill -9); only an OS crash or power
 * loss can drop the last commits. busy_timeout makes a second process (seed, CLI)
 * wait for the write lock instead of failing.
 */
export const SQLITE_PRAGMAS = [
  "PRAGMA journal_mode = WAL",
  "PRAGMA synchronous = NORMAL",
  "PRAGMA foreign_keys = ON",
  "PRAGMA busy_timeout = 5000",
].join(";\n");

export function createPrismaClient(databaseUrl: string): PrismaClient {
  const factory = new PrismaBetterSQLite3({ url: databaseUrl });
  const connect = factory.connect.bind(factory);
  factory.connect = async () => {
    const adapter = await connect();
    await adapter.executeScript(SQLITE_PRAGMAS);
    return adapter;
  };
  return new PrismaClient({ adapter: factory });
}

export type { PrismaClient };
