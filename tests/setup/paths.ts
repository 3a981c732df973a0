import { createHash } from "node:crypto";
import path from "node:path";

/** Scratch space for test databases; removed after the run. */
export const TEST_TMP_DIR = path.join(__dirname, "..", "..", ".tmp", "jest");
/** Migrated once per run by global-setup; each test file gets its own copy. */
export const TEMPLATE_DB = path.join(TEST_TMP_DIR, "template.db");

/** TEST_DATABASE=postgres (npm run test:unit:postgres): the suites run on PostgreSQL. */
export const TEST_ON_POSTGRES = process.env.TEST_DATABASE === "postgres";
/** The PostgreSQL test cluster (node scripts/postgres-cluster.mjs start; .ci/run starts it). */
export const POSTGRES_TEST_URL = process.env.POSTGRES_TEST_URL ?? "postgresql://postgres@127.0.0.1:5499";
/**
 * The names of this checkout's test databases start with this: one prefix per checkout
 * folder, so runs in two worktrees never drop each other's databases. Each run drops its
 * checkout's leftovers first (a killed run's) and its own at the end.
 */
export const POSTGRES_DB_PREFIX =
  process.env.POSTGRES_TEST_DB_PREFIX ??
  `kvt_${createHash("sha256")
    .update(path.resolve(__dirname, "..", ".."))
    .digest("hex")
    .slice(0, 8)}_`;
/** Migrated once per run by global-setup; each test file gets a copy (CREATE DATABASE … TEMPLATE). */
export const POSTGRES_TEMPLATE_DB = `${POSTGRES_DB_PREFIX}template`;

/** The URL of database `name` in the test cluster. */
export function postgresTestUrl(name: string): string {
  const url = new URL(POSTGRES_TEST_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

/** node tests/setup/postgres-admin.mjs …, synchronously (jest's setup files cannot wait). */
export const POSTGRES_ADMIN = path.join(__dirname, "postgres-admin.mjs");
