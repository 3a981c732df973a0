// A PostgreSQL outage is the same clear 503 + Retry-After as SQLite's, and the app
// recovers by itself: on a private cluster (port 5498, POSTGRES_OUTAGE_PORT) that this
// file stops and starts, never the shared test cluster.
import { execFileSync } from "node:child_process";
import type { PrismaClient } from "@/lib/db/create-prisma-client";
import { postgresOutage } from "@/lib/db/database-errors";
import { closePostgresPool, postgresPool } from "@/lib/db/postgres";
import { Prisma } from "@/lib/generated/prisma/client";
import { POSTGRES_DB_PREFIX } from "@/tests/setup/paths";
import { dropDatabase } from "@/scripts/postgres-databases.mjs";

const PORT = process.env.POSTGRES_OUTAGE_PORT ?? "5498";
const URL_ = `postgresql://postgres@127.0.0.1:${PORT}/${POSTGRES_DB_PREFIX}outage`;
// Shaped like a real token (so it is looked up), but no such token exists.
const WELL_FORMED_TOKEN = `kvs_${"A".repeat(43)}`;
const cluster = (command: "start" | "stop") => execFileSync("node", ["scripts/postgres-cluster.mjs", command, "--port", PORT], { stdio: "pipe" });

let db: PrismaClient;
let readyRoute: typeof import("@/app/api/ready/route");
let requestsRoute: typeof import("@/app/api/requests/route");
let asDatabaseOutage: typeof import("@/lib/db/availability").asDatabaseOutage;
let call: typeof import("@/tests/helpers/http").call;

beforeAll(async () => {
  cluster("start");
  execFileSync("node", ["scripts/migrate.mjs"], { env: { ...process.env, DATABASE_URL: URL_ }, stdio: "pipe" });
  // The app's client (lib/db.ts) reads DATABASE_URL when first imported: point it here
  // first, then import what leads to it (the route handlers, and the test helper that
  // imports the auth route).
  process.env.DATABASE_URL = URL_;
  call = (await import("@/tests/helpers/http")).call;
  db = (await import("@/lib/db")).db;
  readyRoute = await import("@/app/api/ready/route");
  requestsRoute = await import("@/app/api/requests/route");
  asDatabaseOutage = (await import("@/lib/db/availability")).asDatabaseOutage;
}, 120_000);

afterAll(async () => {
  cluster("start");
  await db.$disconnect();
  await closePostgresPool(URL_);
  await dropDatabase(`${POSTGRES_DB_PREFIX}outage`, { server: URL_ });
  cluster("stop");
}, 120_000);

const expectOutage = (error: unknown) => {
  const outage = asDatabaseOutage(error);
  expect(outage).toMatchObject({ status: 503, code: "SERVICE_UNAVAILABLE", headers: { "Retry-After": "5" } });
  expect(outage!.message).toContain("The database is not available right now (it cannot be reached)");
};

it("answers 503 with Retry-After while the server is down, and recovers when it is back", async () => {
  expect((await call(readyRoute.GET, "GET", "/api/ready")).status).toBe(200);
  expect(await db.user.count()).toBe(0);

  cluster("stop"); // a fast shutdown: open connections get 57P01, new ones ECONNREFUSED
  const ready = await call(readyRoute.GET, "GET", "/api/ready");
  expect(ready.status).toBe(503);
  expect(ready.headers.get("retry-after")).toBe("5");
  expect(ready.json.error).toMatchObject({ code: "SERVICE_UNAVAILABLE" });
  // An API call: the token lookup fails, and the API answers the same outage.
  const listed = await call(requestsRoute.GET, "GET", "/api/requests", { token: WELL_FORMED_TOKEN });
  expect(listed.status).toBe(503);
  expect(listed.headers.get("retry-after")).toBe("5");
  expect(listed.json.error).toMatchObject({ code: "SERVICE_UNAVAILABLE" });
  // Prisma's errors (model query, interactive transaction, raw) and pg's own (the shared pool).
  expectOutage(await db.user.count().catch((e: unknown) => e));
  expectOutage(await db.$transaction((tx) => tx.user.count()).catch((e: unknown) => e));
  expectOutage(await db.$queryRawUnsafe("SELECT 1").catch((e: unknown) => e));
  expectOutage(
    await postgresPool(URL_)
      .query("SELECT 1")
      .catch((e: unknown) => e),
  );

  cluster("start");
  expect((await call(readyRoute.GET, "GET", "/api/ready")).status).toBe(200);
  expect((await call(requestsRoute.GET, "GET", "/api/requests", { token: WELL_FORMED_TOKEN })).status).toBe(401);
  expect(await db.user.count()).toBe(0);
}, 120_000);

it("answers 503 when the server cuts a query off (57P01 admin shutdown), then serves the next one", async () => {
  const sleeping = db.$queryRawUnsafe("SELECT pg_sleep(5)").catch((e: unknown) => e);
  await new Promise((resolve) => setTimeout(resolve, 500));
  const admin = postgresPool(URL_.replace(/\/[^/]+$/, "/postgres"));
  const { rows } = await admin.query(`SELECT count(pg_terminate_backend(pid))::int AS n FROM pg_stat_activity WHERE query = 'SELECT pg_sleep(5)'`);
  expect(rows[0].n).toBe(1);
  const error = await sleeping;
  expect(postgresOutage(error)).toBe("unreachable");
  expectOutage(error);
  expect(await db.user.count()).toBe(0);
}, 60_000);

describe("postgresOutage: what counts as an outage", () => {
  const pgError = (code: string) => Object.assign(new Error("x"), { code });
  const wrapped = (cause: object) =>
    new Prisma.PrismaClientKnownRequestError("x", { code: "P2010", clientVersion: "6", meta: { driverAdapterError: { cause } } });

  it.each([
    ["the connection broke (08006)", pgError("08006"), "unreachable"],
    ["refused (ECONNREFUSED)", pgError("ECONNREFUSED"), "unreachable"],
    ["admin shutdown (57P01), through Prisma", wrapped({ kind: "postgres", code: "57P01" }), "unreachable"],
    ["out of disk (53100)", pgError("53100"), "unreachable"],
    ["the statement timeout (57014)", pgError("57014"), "unreachable"],
    ["not reachable, through Prisma", wrapped({ kind: "DatabaseNotReachable", host: "db", port: 5432 }), "unreachable"],
    ["a read-only standby (25006)", pgError("25006"), "read-only"],
    ["pg's socket closed", new Error("Connection terminated unexpectedly"), "unreachable"],
    ["a unique violation (23505)", pgError("23505"), null],
    ["a syntax error (42601), through Prisma", wrapped({ kind: "postgres", code: "42601" }), null],
    ["a file not found (ENOENT)", pgError("ENOENT"), null],
  ])("%s", (_label, error, expected) => {
    expect(postgresOutage(error)).toBe(expected);
  });
});
