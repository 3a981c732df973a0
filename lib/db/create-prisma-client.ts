// Builds a Prisma client over better-sqlite3 with the pragmas this app relies on.
// Shared by the app (lib/db.ts), the seed and the tests; no "server-only" here so
// scripts can import it.
import { statSync } from "node:fs";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "@/lib/generated/prisma/client";

/**
 * WAL lets readers run beside the one writer. synchronous=FULL syncs the WAL to disk at
 * every commit, so a write the API acknowledged survives a process kill and also an OS
 * crash or power loss (NORMAL would survive only the former); it costs about 0.3 ms a
 * commit on this machine (RELIABILITY.md). busy_timeout makes a second process (seed,
 * CLI) wait for the write lock instead of failing.
 */
export const SQLITE_PRAGMAS = [
  "PRAGMA journal_mode = WAL",
  "PRAGMA synchronous = FULL",
  "PRAGMA foreign_keys = ON",
  "PRAGMA busy_timeout = 5000",
].join(";\n");

/** The file behind each client and the inode it had when the connection opened. */
const openedFiles = new WeakMap<PrismaClient, { path: string; inode: number | null }>();

export function createPrismaClient(databaseUrl: string, { mustExist = false } = {}): PrismaClient {
  const path = databaseUrl.replace(/^file:/, "");
  // The app passes mustExist: a missing file is an outage, not an empty new database.
  const factory = new PrismaBetterSQLite3({ url: databaseUrl, fileMustExist: mustExist });
  const file = { path, inode: null as number | null };
  const connect = factory.connect.bind(factory);
  factory.connect = async () => {
    const adapter = await connect();
    await adapter.executeScript(SQLITE_PRAGMAS);
    file.inode = inodeOf(path);
    return adapter;
  };
  const client = new PrismaClient({ adapter: factory });
  if (path !== ":memory:") openedFiles.set(client, file);
  return client;
}

function inodeOf(path: string): number | null {
  try {
    return statSync(path).ino;
  } catch {
    return null;
  }
}

/**
 * "missing": the database file is gone (the open connection would write into an
 * unlinked file and lose everything). "replaced": a different file now has its name, so
 * the connection must reopen. null: all is well, or no connection is open yet.
 */
export function databaseFileProblem(client: PrismaClient): "missing" | "replaced" | null {
  const file = openedFiles.get(client);
  if (!file) return null;
  const now = inodeOf(file.path);
  if (now === null) return "missing";
  if (file.inode !== null && now !== file.inode) return "replaced";
  return null;
}

/** After $disconnect, the next query reconnects and records the file afresh. */
export function forgetOpenedFile(client: PrismaClient) {
  const file = openedFiles.get(client);
  if (file) file.inode = null;
}

export type { PrismaClient };
