// Search parity: the same requests and datasets written to a fresh SQLite database and a
// fresh PostgreSQL database give the same rows, in the same order, with the same totals,
// for the queue (listQuery) and the catalog (catalogPage): SQLite searches its FTS5
// trigram tables, PostgreSQL ILIKE over pg_trgm indexes (lib/data/requests/list-query/search.ts).
// Needs the shared PostgreSQL test cluster (POSTGRES_TEST_URL).
import { listQuery } from "@/lib/data/requests/list-query";
import { decodeListCursor, type ListCursor } from "@/lib/domain/requests/list-cursor";
import { catalogPage } from "@/lib/data/datasets/list-datasets";
import { listRequestsQuerySchema, type ListRequestsQueryInput, type RequestListResponse } from "@/lib/schemas/request";
import { listDatasetsQuerySchema, type ListDatasetsQueryInput } from "@/lib/schemas/dataset";
import { twoDatabases, type TwoDatabases } from "@/tests/helpers/two-databases";
import { makeRows, writeRows } from "@/tests/helpers/parity-rows";

let both: TwoDatabases;
const rows = makeRows();

beforeAll(async () => {
  both = await twoDatabases("search_parity");
  await both.sqlite.write((dialect) => writeRows(dialect, rows));
  await both.postgres.write((dialect) => writeRows(dialect, rows));
}, 120_000);
// Dropping a database makes PostgreSQL checkpoint, which takes a while on a busy machine.
afterAll(() => both?.close(), 120_000);

const WHOLE_NAME = rows.requests.find((q) => (q.datasetName as string).length >= 14)!.datasetName as string;
const TEXTS = [
  // Broad words, mixed case.
  "payments",
  "PAYMENTS",
  "PayMents-eu",
  "the",
  "cache",
  "Mobile api",
  "ml-platform",
  "ML_PLATFORM",
  // A whole dataset name (long text: SQLite narrows it by a few of its characters), and part of one.
  WHOLE_NAME,
  "user_profiles_1",
  "click_ev",
  // Numbers: a request number, and digits in text.
  "42",
  "KV-7",
  "100",
  "2024",
  "#12",
  // One and two characters.
  "a",
  "P",
  "ml",
  "Ml",
  "ab",
  "4",
  "x",
  "é",
  "%",
  "_",
  "\\",
  // LIKE's metacharacters taken literally.
  "100%",
  "50%_off",
  "under_score",
  "search%ops",
  "data\\lake",
  "C:\\data",
  "%_\\",
  "___",
  "%%%",
  // Non-ASCII.
  "café",
  "größe",
  "Straße",
  "jalapeño",
  "Ünïcode",
  // Nothing matches.
  "zzzzqq",
];

/**
 * Where the two databases cannot agree (each checked in "documented exceptions" below):
 * - FTS5's trigram tokenizer folds the long s (ſ) and the Kelvin sign (K) to ASCII s and
 *   k; PostgreSQL's ILIKE lowers both sides, and lower() keeps ſ (it is lower case
 *   already). So "strange" finds "ſtrange" on SQLite only. (TEXTS has no such case.)
 * - The catalog's 1–2 character text is LIKE on SQLite, which folds ASCII letters only,
 *   and ILIKE on PostgreSQL, which folds every letter: "é" finds "CAFÉ" on PostgreSQL only.
 */
const CATALOG_SHORT_NON_ASCII = new Set(["é"]);

const queueViews: ListRequestsQueryInput[] = [
  {},
  { sort: "datasetName", order: "asc" },
  { sort: "ownerTeam", order: "desc", pageSize: "10", page: "2" },
  { sort: "assignee", order: "asc" },
  { sort: "assignee", order: "desc" },
  { sort: "updatedAt", order: "asc", status: ["SUBMITTED", "IN_REVIEW", "NEEDS_INFO"] },
  { sort: "statusChangedAt", priority: "HIGH" },
  { assignee: "unassigned", sort: "priority", order: "desc" },
  { type: "DECOMMISSION" },
  { team: "Payments-EU", sort: "createdAt", order: "asc" },
  { status: ["COMPLETED"], sort: "status", pageSize: "5" },
];

describe("the queue gives the same page and total on SQLite and PostgreSQL", () => {
  it.each(queueViews.map((view) => [JSON.stringify(view), view] as const))("view %s, for every search text", async (_, view) => {
    for (const q of [undefined, ...TEXTS]) {
      const query = listRequestsQuerySchema.parse({ ...view, ...(q === undefined ? {} : { q }) });
      const [sqlite, postgres] = await Promise.all([
        both.sqlite.read((dialect) => listQuery(query, "u_req_1", dialect)),
        both.postgres.read((dialect) => listQuery(query, "u_req_1", dialect)),
      ]);
      expect({ q, total: postgres.total, lowerBound: postgres.totalIsLowerBound, numbers: postgres.items.map((i) => i.number) }).toEqual({
        q,
        total: sqlite.total,
        lowerBound: sqlite.totalIsLowerBound,
        numbers: sqlite.items.map((i) => i.number),
      });
      expect(postgres.items).toEqual(sqlite.items);
    }
  });

  it.each(queueViews.map((view) => [JSON.stringify(view), view] as const))(
    "view %s, counted only up to the page: the same page and lower bound",
    async (_, view) => {
      // countLimit 1: the count stops one row past the page, so every broad text takes the
      // path where the matches are more than counted (PostgreSQL reads the page apart).
      for (const q of ["the", "payments", "cache", "100", "a"]) {
        const query = listRequestsQuerySchema.parse({ ...view, q });
        const [sqlite, postgres] = await Promise.all([
          both.sqlite.read((dialect) => listQuery(query, "u_req_1", dialect, { countLimit: 1 })),
          both.postgres.read((dialect) => listQuery(query, "u_req_1", dialect, { countLimit: 1 })),
        ]);
        expect({ q, total: postgres.total, lowerBound: postgres.totalIsLowerBound, items: postgres.items }).toEqual({
          q,
          total: sqlite.total,
          lowerBound: sqlite.totalIsLowerBound,
          items: sqlite.items,
        });
      }
    },
  );

  it.each(queueViews.map((view) => [JSON.stringify(view), view] as const))(
    "view %s: each page read after the last page's cursor is the page by number, on both databases",
    async (_, view) => {
      for (const q of [undefined, "the", WHOLE_NAME]) {
        const walks = await Promise.all(
          [both.sqlite, both.postgres].map(async (db) => {
            const pages: { numbers: string[]; cursor: string | null; byNumber: string[] }[] = [];
            let cursor: string | null = null;
            for (let page = 1; page <= 80; page++) {
              const query = listRequestsQuerySchema.parse({ ...view, ...(q ? { q } : {}), pageSize: "7", page: String(page) });
              const after: ListCursor | undefined = cursor === null ? undefined : decodeListCursor(cursor)!;
              const fromCursor: RequestListResponse = await db.read((dialect) => listQuery(query, "u_req_1", dialect, { after }));
              const byNumber = await db.read((dialect) => listQuery(query, "u_req_1", dialect));
              pages.push({ numbers: fromCursor.items.map((i) => i.number), cursor: fromCursor.nextCursor, byNumber: byNumber.items.map((i) => i.number) });
              cursor = fromCursor.nextCursor;
              if (!cursor) break;
            }
            return pages;
          }),
        );
        const [sqlite, postgres] = walks as [(typeof walks)[0], (typeof walks)[0]];
        for (const page of sqlite) expect(page.numbers).toEqual(page.byNumber);
        expect(sqlite.at(-1)!.cursor).toBeNull();
        expect({ q, pages: postgres }).toEqual({ q, pages: sqlite });
      }
    },
  );

  it("finds what it should (the parity is not two empty answers)", async () => {
    const find = (q: string) => both.postgres.read((dialect) => listQuery(listRequestsQuerySchema.parse({ q, pageSize: "100" }), "u_req_1", dialect));
    expect((await find("100%")).items.every((i) => /100%/.test(rows.requests[Number(i.number.slice(3)) - 1]!.useCase as string))).toBe(true);
    expect((await find("100%")).total).toBeGreaterThan(5);
    expect((await find("data\\lake")).total).toBe(rows.requests.filter((q) => q.ownerTeam === "data\\lake").length);
    expect((await find("PAYMENTS")).total).toBe(
      rows.requests.filter((q) => [q.datasetName, q.ownerTeam, q.useCase].some((t) => (t as string).toLowerCase().includes("payments"))).length,
    );
    expect((await find(WHOLE_NAME)).items.map((i) => i.datasetName)).toContain(WHOLE_NAME);
    expect((await find("KV-7")).items.map((i) => i.number)).toContain("KV-7");
    expect((await find("café")).total).toBeGreaterThan(0);
  });
});

const catalogViews: ListDatasetsQueryInput[] = [
  {},
  { sort: "name", order: "desc" },
  { sort: "ownerTeam", order: "asc", pageSize: "10", page: "2" },
  { sort: "status", order: "desc" },
  { sort: "estimatedSizeGb", order: "asc" },
  { sort: "createdAt", order: "desc" },
  { sort: "updatedAt", order: "asc" },
  { status: "LIVE" },
  { status: "DECOMMISSIONING" },
  { status: "DECOMMISSIONED", sort: "updatedAt" },
  { region: "eu-west-1", classification: "PII" },
  { team: "café", keyFormat: "STRING" },
];

describe("the catalog gives the same page and total on SQLite and PostgreSQL", () => {
  it.each(catalogViews.map((view) => [JSON.stringify(view), view] as const))("view %s, for every search text", async (_, view) => {
    for (const q of [undefined, ...TEXTS.filter((t) => !CATALOG_SHORT_NON_ASCII.has(t))]) {
      const query = listDatasetsQuerySchema.parse({ ...view, ...(q === undefined ? {} : { q }) });
      const [sqlite, postgres] = await Promise.all([
        both.sqlite.read((dialect) => catalogPage(query, dialect)),
        both.postgres.read((dialect) => catalogPage(query, dialect)),
      ]);
      expect({ q, total: postgres.total, names: postgres.items.map((i) => i.name) }).toEqual({
        q,
        total: sqlite.total,
        names: sqlite.items.map((i) => i.name),
      });
      expect(postgres.items).toEqual(sqlite.items);
    }
  });

  it("finds what it should, with every status", async () => {
    const page = (query: ListDatasetsQueryInput) =>
      both.postgres.read((dialect) => catalogPage(listDatasetsQuerySchema.parse({ pageSize: "100", ...query }), dialect));
    expect((await page({ q: "search%ops" })).items.every((d) => d.ownerTeam === "search%ops")).toBe(true);
    expect((await page({ q: "search%ops" })).total).toBe(rows.datasets.filter((d) => d.ownerTeam === "search%ops").length);
    for (const status of ["LIVE", "DECOMMISSIONING", "DECOMMISSIONED"] as const) expect((await page({ status })).total).toBeGreaterThan(0);
  });
});

describe("documented exceptions: Unicode case folding", () => {
  it("FTS5 folds the long s and the Kelvin sign to ASCII; PostgreSQL's ILIKE does not: only SQLite finds them by 'str' or 'kelvin'", async () => {
    const search = (q: string) => listRequestsQuerySchema.parse({ q, pageSize: "100" });
    const holds = (q: Record<string, unknown>, ch: string) => (q.useCase as string).includes(ch);
    const [sqlite, postgres] = await Promise.all([
      both.sqlite.read((dialect) => listQuery(search("strange"), "u_req_1", dialect)),
      both.postgres.read((dialect) => listQuery(search("strange"), "u_req_1", dialect)),
    ]);
    const withLongS = rows.requests.filter((q) => holds(q, "ſtrange")).length;
    expect(withLongS).toBeGreaterThan(0);
    expect(sqlite.total).toBe(withLongS);
    expect(postgres.total).toBe(0);
    // Spelled as stored, both find them.
    const [sqliteExact, postgresExact] = await Promise.all([
      both.sqlite.read((dialect) => listQuery(search("ſtrange"), "u_req_1", dialect)),
      both.postgres.read((dialect) => listQuery(search("ſtrange"), "u_req_1", dialect)),
    ]);
    expect(postgresExact.items).toEqual(sqliteExact.items);
    expect(sqliteExact.total).toBe(withLongS);
  });

  it("the catalog's 1–2 characters outside ASCII: PostgreSQL also finds other cases of them, SQLite only the same case", async () => {
    for (const q of CATALOG_SHORT_NON_ASCII) {
      const page = listDatasetsQuerySchema.parse({ q, pageSize: "100" });
      const [sqlite, postgres] = await Promise.all([both.sqlite.read((d) => catalogPage(page, d)), both.postgres.read((d) => catalogPage(page, d))]);
      const has = (d: Record<string, unknown>, text: string) => [d.name, d.ownerTeam, d.useCase].some((t) => (t as string).includes(text));
      expect(sqlite.total).toBe(rows.datasets.filter((d) => has(d, q)).length);
      expect(postgres.total).toBe(rows.datasets.filter((d) => has(d, q) || has(d, q.toUpperCase())).length);
      expect(postgres.total).toBeGreaterThan(sqlite.total);
    }
  });
});
