// Bulk import of CSV and JSON files: a report per row, all-or-nothing or valid-only.
import { stringify } from "csv-stringify/sync";
import * as importRoute from "@/app/api/requests/import/route";
import * as requestsRoute from "@/app/api/requests/route";
import { db } from "@/lib/db";
import { IMPORT_COLUMNS, IMPORT_MAX_BYTES, IMPORT_MAX_ROWS } from "@/lib/schemas/import";
import { call, signIn } from "@/tests/helpers/http";
import { createUser, TEST_PASSWORD, validRequestBody } from "@/tests/helpers/fixtures";
import { createDataset } from "@/tests/helpers/datasets";
import { toSessionUser } from "@/lib/auth/roles";
import { eventBusReady, subscribeToRequestChanges } from "@/lib/events/request-events";

let jo: string;

beforeAll(async () => {
  await createUser("jo", "REQUESTER", "migrations");
  jo = await signIn("jo@example.com", TEST_PASSWORD);
});
afterAll(() => db.$disconnect());

const migration = (overrides = {}) =>
  validRequestBody({ requestType: "MIGRATION", sourceSystem: "HBASE", ownerTeam: "migrations", regions: ["us-east-1", "eu-west-1"], ...overrides });

/** Requests → a CSV file with the request fields as columns (regions joined with ";"). */
function toCsv(rows: Record<string, unknown>[], columns: string[] = [...IMPORT_COLUMNS]): string {
  return stringify(
    rows.map((r) => columns.map((c) => (Array.isArray(r[c]) ? (r[c] as string[]).join(";") : r[c] === undefined || r[c] === null ? "" : String(r[c])))),
    { header: true, columns },
  );
}

const importFile = (body: string | Uint8Array, contentType: string, mode = "validate", cookie = jo) =>
  call(importRoute.POST, "POST", `/api/requests/import?mode=${mode}`, { cookie, rawBody: body, headers: { "content-type": contentType } });

describe("POST /api/requests/import?mode=validate", () => {
  it("reads a CSV file and reports every row, storing nothing", async () => {
    const good = migration();
    const bad = migration({ p99LatencyMs: 0, contactEmail: "nope", sourceSystem: undefined });
    const before = await db.datasetRequest.count();
    const res = await importFile(toCsv([good, bad]), "text/csv; charset=utf-8");
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ mode: "validate", format: "csv", total: 2, valid: 1, invalid: 1, duplicates: 0, imported: 0 });
    expect(res.json.rows[0]).toEqual({ row: 1, datasetName: good.datasetName, outcome: "valid", errors: [], number: null });
    expect(res.json.rows[1]).toMatchObject({ row: 2, outcome: "invalid" });
    expect(res.json.rows[1].errors.map((e: { path: string }) => e.path).sort()).toEqual(["contactEmail", "p99LatencyMs", "sourceSystem"]);
    expect(await db.datasetRequest.count()).toBe(before);
  });

  it("turns CSV cells into numbers, booleans and region lists", async () => {
    const csv = toCsv([migration({ backupsEnabled: true, backupRetentionDays: 30, regions: ["us-east-1", "ap-southeast-1"] })]).replace(
      "us-east-1;ap-southeast-1",
      "us-east-1 | ap-southeast-1",
    );
    const res = await importFile(csv, "text/csv");
    expect(res.json.rows[0]).toMatchObject({ outcome: "valid", errors: [] });
    const wrong = toCsv([migration()]).replace(",false,", ",maybe,");
    expect((await importFile(wrong, "text/csv")).json.rows[0].errors).toEqual([{ path: "backupsEnabled", message: expect.any(String) }]);
  });

  it("reads a JSON array the same way", async () => {
    const res = await importFile(JSON.stringify([migration(), { ...migration(), status: "COMPLETED" }, "not an object"]), "application/json");
    expect(res.json).toMatchObject({ format: "json", total: 3, valid: 1, invalid: 2 });
    expect(res.json.rows[1].errors).toEqual([{ path: "status", message: 'Unknown field "status"' }]);
    expect(res.json.rows[2].errors).toEqual([{ path: "", message: expect.any(String) }]);
  });

  it("reports duplicates within the file and against live requests, never merging them", async () => {
    const live = await call(requestsRoute.POST, "POST", "/api/requests", { cookie: jo, body: migration() });
    const twice = migration();
    const res = await importFile(
      JSON.stringify([twice, migration({ datasetName: live.json.datasetName }), migration(), { ...twice, ownerTeam: "other" }]),
      "application/json",
    );
    expect(res.json).toMatchObject({ total: 4, valid: 1, invalid: 0, duplicates: 3 });
    expect(res.json.rows.map((r: { outcome: string }) => r.outcome)).toEqual(["duplicate", "duplicate", "valid", "duplicate"]);
    expect(res.json.rows[0].errors).toEqual([{ path: "datasetName", message: "Also in row 4 of this file" }]);
    expect(res.json.rows[1].errors).toEqual([{ path: "datasetName", message: `Taken by the live request ${live.json.number}` }]);
  });
});

describe("many rows of one dataset name", () => {
  it("reports each duplicate by the first row of its name: the report grows linearly with the rows", async () => {
    // Each row used to list every other row: 2,000 rows gave a 22 MB report, 10,000 a 500.
    const ROWS = 2_500;
    const same = migration();
    const res = await importFile(toCsv(Array.from({ length: ROWS }, () => same)), "text/csv");
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ total: ROWS, valid: 0, duplicates: ROWS });
    expect(JSON.stringify(res.json).length).toBeLessThan(ROWS * 300);
    expect(res.json.rows[0].errors).toEqual([
      { path: "datasetName", message: `Also in row 2 of this file and in ${(ROWS - 2).toLocaleString("en-US")} more rows` },
    ]);
    for (const r of res.json.rows.slice(1)) expect(r.errors).toEqual([{ path: "datasetName", message: "Also in row 1 of this file" }]);
  });

  it("all-or-nothing refuses them with one constant-size detail per row", async () => {
    const same = migration();
    const res = await importFile(JSON.stringify(Array.from({ length: 2_000 }, () => same)), "application/json", "all-or-nothing");
    expect(res.status).toBe(409);
    expect(res.json.error.details).toHaveLength(2_000);
    expect(res.json.error.details[1999]).toEqual({ path: "rows.2000.datasetName", message: "Also in row 1 of this file" });
    expect(JSON.stringify(res.json).length).toBeLessThan(2_000 * 300);
  });
});

describe("importing", () => {
  it("all-or-nothing stores every row with its CREATED event when all are valid (201)", async () => {
    const rows = Array.from({ length: 450 }, () => migration());
    const before = await db.datasetRequest.count();
    const res = await importFile(toCsv(rows), "text/csv", "all-or-nothing");
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({ total: 450, valid: 450, imported: 450 });
    expect(await db.datasetRequest.count()).toBe(before + 450);
    const first = res.json.rows[0];
    expect(first).toMatchObject({ outcome: "imported", number: expect.stringMatching(/^KV-\d+$/) });
    const stored = await db.datasetRequest.findUniqueOrThrow({ where: { number: Number(first.number.slice(3)) }, include: { events: true } });
    expect(stored).toMatchObject({
      datasetName: rows[0]!.datasetName,
      status: "SUBMITTED",
      requesterId: "jo",
      liveDatasetName: rows[0]!.datasetName,
      regions: "us-east-1,eu-west-1",
    });
    expect(stored.events).toEqual([expect.objectContaining({ kind: "CREATED", toStatus: "SUBMITTED", actorId: "jo" })]);
  });

  it("is announced on the live bus once, as its last new request, and a refused import not at all", async () => {
    await eventBusReady();
    const heard: string[] = [];
    const stop = subscribeToRequestChanges((event) => heard.push(event.number));
    try {
      const refused = await importFile(JSON.stringify([migration(), migration({ readQps: -1 })]), "application/json", "all-or-nothing");
      expect(refused.status).toBe(400);
      const res = await importFile(JSON.stringify([migration(), migration(), migration()]), "application/json", "all-or-nothing");
      expect(res.status).toBe(201);
      const last = res.json.rows[2].number;
      // On PostgreSQL the event comes back through LISTEN: wait for it, then a little more for any stray.
      for (let i = 0; i < 100 && !heard.includes(last); i++) await new Promise((r) => setTimeout(r, 20));
      await new Promise((r) => setTimeout(r, 100));
      expect(heard).toEqual([last]);
    } finally {
      stop();
    }
  });

  it("all-or-nothing stores nothing when one row has a problem, and names it by row and field", async () => {
    const before = await db.datasetRequest.count();
    const res = await importFile(JSON.stringify([migration(), migration({ readQps: -1 }), migration()]), "application/json", "all-or-nothing");
    expect(res.status).toBe(400);
    expect(res.json.error).toMatchObject({ code: "VALIDATION_FAILED", details: [{ path: "rows.2.readQps", message: expect.any(String) }] });
    expect(await db.datasetRequest.count()).toBe(before);
  });

  it("all-or-nothing refuses duplicates with 409", async () => {
    const twice = migration();
    const res = await importFile(JSON.stringify([twice, twice]), "application/json", "all-or-nothing");
    expect(res.status).toBe(409);
    expect(res.json.error.details.map((d: { path: string }) => d.path)).toEqual(["rows.1.datasetName", "rows.2.datasetName"]);
  });

  it("valid-only stores the valid rows and reports the rest", async () => {
    const ok = [migration(), migration()];
    const res = await importFile(JSON.stringify([ok[0], migration({ ownerTeam: "" }), ok[1]]), "application/json", "valid-only");
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({ mode: "valid-only", total: 3, valid: 2, invalid: 1, imported: 2 });
    expect(res.json.rows.map((r: { outcome: string }) => r.outcome)).toEqual(["imported", "invalid", "imported"]);
    for (const body of ok) expect(await db.datasetRequest.count({ where: { liveDatasetName: body.datasetName } })).toBe(1);
  });

  it("checks again when a name is taken between the check and the insert", async () => {
    const live = await call(requestsRoute.POST, "POST", "/api/requests", { cookie: jo, body: migration() });
    const fresh = migration();
    // The first duplicate check misses the live name, as if it were taken a moment later.
    const findMany = jest.spyOn(db.datasetRequest, "findMany").mockResolvedValueOnce([]);
    try {
      const res = await importFile(JSON.stringify([fresh, migration({ datasetName: live.json.datasetName })]), "application/json", "valid-only");
      expect(res.status).toBe(201);
      expect(res.json.rows.map((r: { outcome: string }) => r.outcome)).toEqual(["imported", "duplicate"]);
      expect(await db.datasetRequest.count({ where: { liveDatasetName: fresh.datasetName } })).toBe(1);
    } finally {
      findMany.mockRestore();
    }
  });

  it("valid-only with nothing valid stores nothing (200)", async () => {
    const res = await importFile(JSON.stringify([migration({ useCase: "short" })]), "application/json", "valid-only");
    expect(res.status).toBe(200);
    expect(res.json.imported).toBe(0);
  });
});

describe("refusing files", () => {
  it("415 for a type other than CSV or JSON", async () => {
    const res = await importFile("a,b", "text/plain");
    expect(res.status).toBe(415);
    expect(res.json.error.code).toBe("UNSUPPORTED_MEDIA_TYPE");
  });

  it("413 over 5 MB (a JSON body may be larger here than the usual 64 KB)", async () => {
    const big = JSON.stringify([migration({ useCase: "x".repeat(3900) })]);
    const within = await importFile(JSON.stringify(Array.from({ length: 30 }, () => JSON.parse(big)[0])), "application/json");
    expect(within.status).toBe(200);
    const huge = await importFile(" ".repeat(IMPORT_MAX_BYTES + 1), "application/json");
    expect(huge.status).toBe(413);
    expect(huge.json.error.code).toBe("PAYLOAD_TOO_LARGE");
  });

  it("413 for more rows than one import takes", async () => {
    const res = await importFile(JSON.stringify(Array.from({ length: IMPORT_MAX_ROWS + 1 }, () => ({}))), "application/json");
    expect(res.status).toBe(413);
  });

  it('400 for a file that is not UTF-8 (Latin-1 "café"), naming the encoding and the line', async () => {
    const csv = toCsv([migration(), migration({ useCase: "Latin-1 bytes for the café menu of the cafeteria." })]);
    const latin1 = Buffer.from(csv, "latin1");
    const before = await db.datasetRequest.count();
    for (const mode of ["validate", "valid-only"]) {
      const res = await importFile(latin1, "text/csv", mode);
      expect(res.status).toBe(400);
      expect(res.json.error).toEqual({
        code: "BAD_REQUEST",
        message: expect.stringContaining("UTF-8"),
        details: [{ path: "file", message: expect.stringMatching(/^Line 3 .*UTF-8/) }],
      });
    }
    const json = Buffer.from(JSON.stringify([migration({ ownerTeam: "caf\u00e9" })]), "latin1");
    expect((await importFile(json, "application/json")).json.error.details).toEqual([{ path: "file", message: expect.stringContaining("Line 1") }]);
    expect(await db.datasetRequest.count()).toBe(before);
  });

  it("reads UTF-8 with a byte order mark, and keeps the text exactly", async () => {
    const useCase = "Menus for the café and the 食堂, keyed by site 🍜.";
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(toCsv([migration({ useCase })]), "utf8")]);
    const res = await importFile(bytes, "text/csv", "valid-only");
    expect(res.status).toBe(201);
    const stored = await db.datasetRequest.findUniqueOrThrow({ where: { number: Number(res.json.rows[0].number.slice(3)) } });
    expect(stored.useCase).toBe(useCase);
  });

  it("400 for malformed JSON, a JSON object instead of an array, an empty file", async () => {
    for (const body of ["[{", '{"datasetName":"x"}', "", "[]"]) {
      const res = await importFile(body, "application/json");
      expect(res.status).toBe(400);
      expect(res.json.error.code).toBe("BAD_REQUEST");
    }
  });

  it("400 for unknown, doubled or missing CSV columns, with their paths", async () => {
    const res = await importFile("datasetName,datasetName,colour\nabc,abc,red\n", "text/csv");
    expect(res.status).toBe(400);
    const paths = res.json.error.details.map((d: { path: string }) => d.path);
    expect(paths).toEqual(expect.arrayContaining(["columns.colour", "columns.datasetName", "columns.ownerTeam", "columns.useCase"]));
  });

  it("400 for a CSV row with the wrong number of cells", async () => {
    const res = await importFile(`${toCsv([migration()])}too,few\n`, "text/csv");
    expect(res.status).toBe(400);
    expect(res.json.error.message).toMatch(/line 3/);
  });

  it("400 for an unknown mode, with its path", async () => {
    const res = await call(importRoute.POST, "POST", "/api/requests/import?mode=yolo&x=1", {
      cookie: jo,
      rawBody: "[]",
      headers: { "content-type": "application/json" },
    });
    expect(res.status).toBe(400);
    expect(res.json.error.details.map((d: { path: string }) => d.path).sort()).toEqual(["mode", "x"]);
  });

  it("401 signed out", async () => {
    expect((await call(importRoute.POST, "POST", "/api/requests/import", { rawBody: "[]", headers: { "content-type": "application/json" } })).status).toBe(401);
  });
});

// Issue 14: a CHANGE row names a live dataset (not a duplicate of it), one open change at a time.
describe("importing CHANGE requests", () => {
  it("accepts a change of a live dataset, refuses one for a name that is no dataset, and a second open change", async () => {
    const admin = toSessionUser(await createUser("import_admin", "ADMIN", "storage"));
    const requester = toSessionUser(await db.user.findUniqueOrThrow({ where: { id: "jo" } }));
    await createDataset(requester, admin, { datasetName: "imported_target", ownerTeam: "migrations" });
    const change = validRequestBody({ datasetName: "imported_target", requestType: "CHANGE", ownerTeam: "migrations", readQps: 4000 });
    const nowhere = validRequestBody({ datasetName: "imported_nowhere", requestType: "CHANGE" });
    const first = await importFile(JSON.stringify([change, nowhere]), "application/json", "valid-only");
    expect(first.status).toBe(201);
    expect(first.json.rows[0]).toMatchObject({ outcome: "imported", errors: [] });
    expect(first.json.rows[1]).toMatchObject({ outcome: "invalid", errors: [{ path: "datasetName", message: expect.stringContaining("no live dataset") }] });
    const again = await importFile(JSON.stringify([change]), "application/json");
    expect(again.json.rows[0]).toMatchObject({
      outcome: "duplicate",
      errors: [{ path: "datasetName", message: expect.stringContaining(first.json.rows[0].number) }],
    });
  });
});
