// Export of a queue view: the same filters and sort as the list, every page, streamed.
import { parse } from "csv-parse/sync";
import * as exportRoute from "@/app/api/requests/export/route";
import * as requestsRoute from "@/app/api/requests/route";
import * as requestRoute from "@/app/api/requests/[number]/route";
import { db } from "@/lib/db";
import { EXPORT_PAGE_SIZE } from "@/lib/data/requests/export-requests";
import { PRIORITY_RANK } from "@/lib/domain/requests/options";
import { BASE, call, signIn } from "@/tests/helpers/http";
import { createUser, TEST_PASSWORD, validRequestBody } from "@/tests/helpers/fixtures";

let hana: string;
const BULK = EXPORT_PAGE_SIZE * 2 + 37;
const YIELD_ROWS = 4000;

beforeAll(async () => {
  await createUser("hana", "REQUESTER", "export");
  await createUser("ivan", "ADMIN", "storage");
  hana = await signIn("hana@example.com", TEST_PASSWORD);
  await seedRows(BULK, "bulk-export", "bulk");
});
afterAll(() => db.$disconnect());

/** Many rows straight into the database, a third of them assigned, to page through. */
async function seedRows(count: number, team: string, prefix: string) {
  const now = Date.now();
  await db.datasetRequest.createMany({
    data: Array.from({ length: count }, (_, i) => ({
      datasetName: `${prefix}_${String(i).padStart(5, "0")}`,
      liveDatasetName: `${prefix}_${String(i).padStart(5, "0")}`,
      requestType: "NEW",
      ownerTeam: team,
      contactEmail: "bulk@example.com",
      useCase: "Bulk rows for paging through an export.",
      keyFormat: "STRING",
      valueFormat: "JSON",
      ingestion: "ONLINE_WRITES",
      updateFrequency: "DAILY",
      estimatedSizeGb: 1,
      estimatedKeyCount: BigInt(1000),
      readQps: 1,
      writeQps: 1,
      p99LatencyMs: 10,
      regions: "us-east-1",
      dataClassification: "INTERNAL",
      backupsEnabled: false,
      priority: "LOW",
      priorityRank: PRIORITY_RANK.LOW,
      requesterId: "hana",
      assigneeId: i % 3 === 0 ? "ivan" : null,
      createdAt: new Date(now - i * 1000),
      updatedAt: new Date(now - (i % 7) * 1000),
    })),
  });
}

const exportOf = (query: string, cookie = hana) => call(exportRoute.GET, "GET", `/api/requests/export?${query}`, { cookie });

describe("GET /api/requests/export", () => {
  it("writes CSV with a header, a file name and every field", async () => {
    const created = await call(requestsRoute.POST, "POST", "/api/requests", {
      cookie: hana,
      body: validRequestBody({
        ownerTeam: "export-csv",
        useCase: 'Quotes " commas, and\na second line, all kept.',
        keyExample: '=HYPERLINK("http://x")',
        regions: ["us-east-1", "eu-west-1"],
        estimatedKeyCount: "18000000000",
      }),
    });
    const res = await exportOf("format=csv&team=export-csv&requester=all");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="kvstore-requests-\d{8}-\d{4}\.csv"$/);
    const records = parse(res.json as string, { columns: true }) as Record<string, string>[];
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({
      number: created.json.number,
      datasetName: created.json.datasetName,
      ownerTeam: "export-csv",
      useCase: 'Quotes " commas, and\na second line, all kept.',
      keyExample: '\'=HYPERLINK("http://x")',
      regions: "us-east-1;eu-west-1",
      estimatedKeyCount: "18000000000",
      backupsEnabled: "false",
      backupRetentionDays: "",
      status: "SUBMITTED",
      requester: "hana@example.com",
      assignee: "",
    });
  });

  it("writes JSON: an array of the request's metadata", async () => {
    const res = await exportOf("format=json&team=export-csv&requester=all");
    expect(res.headers.get("content-type")).toBe("application/json; charset=utf-8");
    expect(res.json).toHaveLength(1);
    expect(res.json[0]).toMatchObject({ ownerTeam: "export-csv", keyExample: '=HYPERLINK("http://x")', requester: { id: "hana" } });
    expect(res.json[0].history).toBeUndefined();
  });

  it("writes each JSON row exactly as the request's own API answers it, without history and comments", async () => {
    // A completed, assigned row too: every decoded column (dates, key count, booleans, people).
    const [done] = await db.datasetRequest.findMany({ where: { ownerTeam: "bulk-export", assigneeId: "ivan" }, take: 1 });
    await db.datasetRequest.update({ where: { number: done!.number }, data: { status: "COMPLETED", completedAt: new Date(), backupsEnabled: true } });
    const rows = (await exportOf("format=json&requester=all&team=export-csv")).json.concat((await exportOf("format=json&requester=all&team=bulk-export")).json);
    const sample = [rows[0], ...rows.filter((r: { number: string }) => r.number === `KV-${done!.number}`), rows[rows.length - 1]];
    expect(sample).toHaveLength(3);
    for (const exported of sample) {
      const detail = await call(requestRoute.GET, "GET", `/api/requests/${exported.number}`, { cookie: hana, params: { number: exported.number } });
      const { history: _history, comments: _comments, ...fields } = detail.json;
      // Byte for byte: the same keys in the same order.
      expect(JSON.stringify(exported)).toBe(JSON.stringify(fields));
    }
    expect(sample[1].completedAt).not.toBeNull();
  });

  it("writes an empty but well-formed file when nothing matches", async () => {
    expect((await exportOf("format=json&team=nobody")).json).toEqual([]);
    const csv = await exportOf("format=csv&team=nobody");
    expect((csv.json as string).trim().split("\n")).toHaveLength(1);
  });

  it.each([
    ["number", "desc"],
    ["datasetName", "asc"],
    ["assignee", "asc"],
    ["assignee", "desc"],
    ["updatedAt", "desc"],
    ["status", "asc"],
    ["createdAt", "asc"],
  ])("holds every row of a view sorted by %s %s, in the list's order, across pages", async (sort, order) => {
    const res = await exportOf(`format=json&team=bulk-export&requester=all&sort=${sort}&order=${order}`);
    const numbers = (res.json as { number: string }[]).map((r) => r.number);
    expect(numbers).toHaveLength(BULK);
    expect(new Set(numbers).size).toBe(BULK);
    // The first page of the list API, for the same view, is the head of the export.
    const list = await call(requestsRoute.GET, "GET", `/api/requests?team=bulk-export&requester=all&sort=${sort}&order=${order}&pageSize=100&page=2`, {
      cookie: hana,
    });
    expect(numbers.slice(100, 200)).toEqual(list.json.items.map((r: { number: string }) => r.number));
  });

  it("applies the view's filters", async () => {
    const res = await exportOf("format=csv&team=bulk-export&requester=all&assignee=ivan");
    const records = parse(res.json as string, { columns: true }) as Record<string, string>[];
    expect(records).toHaveLength(Math.ceil(BULK / 3));
    expect(records.every((r) => r.assignee === "ivan@example.com")).toBe(true);
  });

  it("streams: one page of rows per chunk the client takes", async () => {
    const res = await exportRoute.GET(new Request(`${BASE}/api/requests/export?format=csv&team=bulk-export&requester=all`, { headers: { cookie: hana } }), {
      params: Promise.resolve({}),
    });
    const reader = res.body!.getReader();
    const first = await reader.read();
    expect(new TextDecoder().decode(first.value).split("\n")[0]).toMatch(/^number,datasetName,/);
    let chunks = 1;
    while (!(await reader.read()).done) chunks += 1;
    expect(chunks).toBe(Math.ceil(BULK / EXPORT_PAGE_SIZE));
  });

  it("yields to the event loop while it streams: a timer set at the start fires long before the end", async () => {
    // An export of 40,600 rows held the event loop for 8 s: nothing else ran until it ended.
    await seedRows(YIELD_ROWS, "yield-export", "yield");
    const res = await exportRoute.GET(new Request(`${BASE}/api/requests/export?format=json&team=yield-export&requester=all`, { headers: { cookie: hana } }), {
      params: Promise.resolve({}),
    });
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let text = "";
    let bytes = 0;
    let bytesWhenTimerFired: number | null = null;
    let ticks = 0;
    const tick = setInterval(() => (ticks += 1), 1);
    setTimeout(() => (bytesWhenTimerFired = bytes), 0);
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        bytes += value.byteLength;
        text += decoder.decode(value, { stream: true });
      }
    } finally {
      clearInterval(tick);
    }
    expect(JSON.parse(text)).toHaveLength(YIELD_ROWS);
    expect(bytesWhenTimerFired).not.toBeNull();
    // The timer ran while less than a tenth of the file had been written.
    expect(bytesWhenTimerFired!).toBeLessThan(bytes / 10);
    // And timers kept running all along: at least one tick per few pages.
    expect(ticks).toBeGreaterThan(YIELD_ROWS / EXPORT_PAGE_SIZE / 4);
  });

  it("answers 400 with paths for unknown or bad parameters (paging included: an export holds every page)", async () => {
    const res = await exportOf("format=xml&page=2&bogus=1");
    expect(res.status).toBe(400);
    expect(res.json.error.details.map((d: { path: string }) => d.path).sort()).toEqual(["bogus", "format", "page"]);
  });

  it("answers 401 signed out", async () => {
    expect((await call(exportRoute.GET, "GET", "/api/requests/export")).status).toBe(401);
  });
});
