// The queue's SQL (lib/data/requests/list-query.ts) against a seeded database, checked
// against a plain in-memory model of what the queue means: every sort, filter, search
// and page, in both of the plans the SQL can take. Also: the triggers that keep the
// search index, the counts and the assignee name right when rows change.
import { encodeListCursor } from "@/lib/domain/requests/list-cursor";
import { execFileSync } from "node:child_process";
import { db } from "@/lib/db";
import { readConnection } from "@/lib/db/sqlite-connections";
import Database from "better-sqlite3";
import { runListQuery, ftsPhrase, FOLDS_TO_ASCII, STATEMENT_CACHE_SIZE, cachedStatementCount } from "@/lib/data/requests/list-query";
import { listRequests } from "@/lib/data/requests/list-requests";
import { assigneeColumns } from "@/lib/data/requests/assignee-columns";
import { toSessionUser } from "@/lib/auth/roles";
import { OPEN_STATUSES, PRIORITY_RANK, STATUS_RANK } from "@/lib/domain/requests/options";
import { toSummary } from "@/lib/data/requests/request-dto";
import { listRequestsQuerySchema, SORT_FIELDS, type ListRequestsQueryInput, type RequestSummary } from "@/lib/schemas/request";

jest.setTimeout(60_000);

const admin = { id: "user_admin" };

beforeAll(() => {
  // The real seed (demo users and 1,200 requests) into this test file's database.
  execFileSync("npx", ["tsx", "prisma/seed.ts", "--count", "1200", "--anchor", "2026-11-01"], { env: process.env, stdio: "pipe" });
});
afterAll(() => db.$disconnect());

// ---- the model ---------------------------------------------------------------------

type ModelRow = RequestSummary & { useCase: string; n: number; assigneeName: string | null; statusRank: number; priorityRank: number; requesterId: string };

async function allRows(): Promise<ModelRow[]> {
  const rows = await db.datasetRequest.findMany({
    include: { requester: { select: { id: true, name: true, email: true } }, assignee: { select: { id: true, name: true, email: true } } },
  });
  return rows.map((r) => ({
    ...toSummary(r),
    useCase: r.useCase,
    n: r.number,
    assigneeName: r.assignee?.name ?? null,
    statusRank: STATUS_RANK[r.status as RequestSummary["status"]],
    priorityRank: PRIORITY_RANK[r.priority as RequestSummary["priority"]],
    requesterId: r.requesterId,
  }));
}

const SORT_KEY: Record<(typeof SORT_FIELDS)[number], (r: ModelRow) => string | number | null> = {
  number: (r) => r.n,
  datasetName: (r) => r.datasetName,
  requestType: (r) => r.requestType,
  ownerTeam: (r) => r.ownerTeam,
  status: (r) => r.statusRank,
  priority: (r) => r.priorityRank,
  assignee: (r) => r.assigneeName,
  createdAt: (r) => r.createdAt,
  updatedAt: (r) => r.updatedAt,
  statusChangedAt: (r) => r.statusChangedAt,
};

/** What the queue means, written plainly: filter, sort (NULLs first ascending), page. */
function model(rows: ModelRow[], input: ListRequestsQueryInput, userId: string) {
  const q = listRequestsQuerySchema.parse(input);
  const person = (v: string | undefined) => (v === undefined || v === "all" ? undefined : v === "me" ? userId : v === "unassigned" ? null : v);
  const assignee = person(q.assignee);
  const requester = person(q.requester);
  const text = q.q?.toLowerCase();
  const number = q.q ? /^(?:kv-)?([1-9][0-9]{0,9})$/i.exec(q.q.trim())?.[1] : undefined;
  const matches = (r: ModelRow) =>
    (!q.status?.length || q.status.includes(r.status)) &&
    (!q.type || r.requestType === q.type) &&
    (!q.team || r.ownerTeam === q.team) &&
    (!q.priority || r.priority === q.priority) &&
    (assignee === undefined || (r.assignee?.id ?? null) === assignee) &&
    (requester === undefined || r.requesterId === (requester ?? "")) &&
    (!text ||
      (number !== undefined && r.n === Number(number)) ||
      ([...text].length >= 3
        ? [r.datasetName, r.ownerTeam, r.useCase].some((v) => v.toLowerCase().includes(text))
        : r.datasetName.startsWith(text) || r.ownerTeam.toLowerCase().startsWith(text)));
  const key = SORT_KEY[q.sort];
  const dir = q.order === "asc" ? 1 : -1;
  const cmp = (a: string | number | null, b: string | number | null) => (a === b ? 0 : a === null ? -1 : b === null ? 1 : a < b ? -1 : 1);
  const sorted = rows.filter(matches).sort((a, b) => dir * (cmp(key(a), key(b)) || a.n - b.n));
  const start = (q.page - 1) * q.pageSize;
  const strip = ({ useCase: _u, n: _n, assigneeName: _a, statusRank: _s, priorityRank: _p, requesterId: _r, ...summary }: ModelRow) => summary;
  const page = sorted.slice(start, start + q.pageSize);
  // The next page starts after this page's last row, when there is a next page.
  const last = page.at(-1);
  const nextCursor =
    last && start + q.pageSize < sorted.length
      ? encodeListCursor({ sort: q.sort, order: q.order, value: q.sort === "number" ? null : key(last), number: last.n })
      : null;
  return { items: page.map(strip), total: sorted.length, totalIsLowerBound: false, page: q.page, pageSize: q.pageSize, nextCursor };
}

// ---- sorting, filtering, paging -------------------------------------------------------

describe("the queue's SQL gives what the model gives", () => {
  let rows: ModelRow[];
  beforeAll(async () => {
    rows = await allRows();
  });

  const check = (input: ListRequestsQueryInput) => {
    const expected = model(rows, input, admin.id);
    const query = listRequestsQuerySchema.parse(input);
    for (const form of [undefined, "seek", "scan"] as const) {
      expect({ form, ...runListQuery(readConnection(), query, admin.id, { form }) }).toEqual({ form, ...expected });
    }
  };

  it("has a realistic data set to work on", () => {
    expect(rows.length).toBeGreaterThanOrEqual(1200);
    expect(rows.some((r) => r.assignee === null)).toBe(true);
  });

  it.each(SORT_FIELDS.flatMap((sort) => (["asc", "desc"] as const).map((order) => [sort, order] as const)))(
    "sorts by %s %s on every page, the tie broken by number",
    (sort, order) => {
      for (const page of ["1", "2", "24", "48", "49", "60"]) check({ sort, order, page });
      check({ sort, order, page: "3", pageSize: "100" });
    },
  );

  it.each<[string, ListRequestsQueryInput]>([
    ["open statuses", { status: [...OPEN_STATUSES] }],
    ["one rare status", { status: "PROVISIONING", sort: "updatedAt" }],
    ["type", { type: "MIGRATION", sort: "datasetName", order: "asc" }],
    ["priority", { priority: "URGENT", sort: "assignee", order: "desc" }],
    ["team", { team: "payments", sort: "datasetName", order: "asc" }],
    ["requester me", { requester: "me" }],
    ["requester alice", { requester: "user_alice", sort: "updatedAt", page: "2" }],
    ["requester unassigned (nobody)", { requester: "unassigned" }],
    ["assignee me", { assignee: "me", sort: "priority" }],
    ["assignee unassigned", { assignee: "unassigned", sort: "createdAt", order: "asc" }],
    ["assignee by id", { assignee: "user_ops", status: ["COMPLETED", "REJECTED"] }],
    ["everything at once", { status: [...OPEN_STATUSES], type: "NEW", priority: "HIGH", team: "search", assignee: "all", requester: "all" }],
    ["a page past the end", { team: "payments", page: "999" }],
  ])("filters: %s", (_, input) => {
    check(input);
  });

  it("searches dataset names, teams and use cases as substrings, any case", () => {
    const name = rows[500]!.datasetName;
    check({ q: name.slice(2, 9) });
    check({ q: name.slice(2, 9).toUpperCase(), sort: "status" });
    check({ q: "checkout path" });
    check({ q: "Checkout", sort: "datasetName", order: "asc", page: "3" });
    check({ q: "ads-ranking" });
    check({ q: "payments", status: [...OPEN_STATUSES], sort: "priority" });
    check({ q: "no such text anywhere" });
  });

  it("stops counting a broad search early, and still gives the same rows on every sort and page", () => {
    // countLimit 40 makes words that match a few hundred of the 1,200 rows "broad", as
    // "checkout" is at 1,000,000 rows: counted up to a limit, the page walked in order.
    const capped = (input: ListRequestsQueryInput) => {
      const expected = model(rows, input, admin.id);
      const query = listRequestsQuerySchema.parse(input);
      const offset = (query.page - 1) * query.pageSize;
      for (const form of [undefined, "seek", "scan"] as const) {
        const got = runListQuery(readConnection(), query, admin.id, { form, countLimit: 40 });
        expect({ form, input, items: got.items }).toEqual({ form, input, items: expected.items });
        if (got.totalIsLowerBound) {
          // At least `total` matches, and more than this page holds: the next page exists.
          expect(expected.total).toBeGreaterThanOrEqual(got.total);
          expect(got.total).toBeGreaterThan(offset + query.pageSize);
        } else {
          expect(got.total).toBe(expected.total);
        }
      }
      return runListQuery(readConnection(), query, admin.id, { countLimit: 40 });
    };
    const broad = "checkout";
    expect(model(rows, { q: broad }, admin.id).total).toBeGreaterThan(100);
    // Text alone: counted to the limit (41 = "more than 40").
    expect(capped({ q: broad })).toMatchObject({ total: 41, totalIsLowerBound: true });
    expect(capped({ q: "CheckOut", page: "3" })).toMatchObject({ total: 76, totalIsLowerBound: true });
    // A page past the limit counts far enough to show it and know the next.
    expect(capped({ q: broad, page: "4", pageSize: "25" })).toMatchObject({ total: 101, totalIsLowerBound: true });
    // Beside filters the page proves what it can: one row past it.
    expect(capped({ q: broad, status: [...OPEN_STATUSES] })).toMatchObject({ total: 26, totalIsLowerBound: true });
    for (const sort of SORT_FIELDS) {
      for (const order of ["asc", "desc"] as const) {
        capped({ q: broad, sort, order });
        capped({ q: broad, sort, order, page: "2", status: [...OPEN_STATUSES] });
        capped({ q: "payments", sort, order, type: "NEW", priority: "HIGH" });
        capped({ q: "checkout", sort, order, team: "payments" });
      }
    }
    // The last page of a filtered broad search is exact; past it, counted again.
    const last = model(rows, { q: broad, status: "COMPLETED" }, admin.id);
    const lastPage = String(Math.ceil(last.total / 25));
    expect(capped({ q: broad, status: "COMPLETED", page: lastPage })).toMatchObject({ total: last.total, totalIsLowerBound: false });
    capped({ q: broad, status: "COMPLETED", page: "999" });
    // Long text (a whole name): looked up by a few of its characters, then tested whole.
    const name = rows[700]!.datasetName;
    for (const sort of SORT_FIELDS) {
      capped({ q: name, sort, order: "asc" });
      capped({ q: name.toUpperCase(), sort, status: rows[700]!.status });
    }
    capped({ q: `${name}_zz` });
    capped({ q: `x${name}`, sort: "updatedAt" });
    capped({ q: "checkout path for the", sort: "datasetName" });
    capped({ q: "Checkout path", page: "2", pageSize: "10" });
    // Narrow words and numbers stay exact.
    expect(capped({ q: rows[500]!.datasetName }).totalIsLowerBound).toBe(false);
    expect(capped({ q: "KV-123", sort: "updatedAt" }).totalIsLowerBound).toBe(false);
    capped({ q: "12", sort: "datasetName" });
    capped({ q: "123", status: [...OPEN_STATUSES] });
    // Text outside ASCII and LIKE's own wildcards as text.
    capped({ q: "ümlaut" });
    capped({ q: "%_%", status: [...OPEN_STATUSES] });
  });

  it("finds a request by number, alone or beside text matches", () => {
    check({ q: "KV-123" });
    check({ q: "kv-77", sort: "datasetName" });
    check({ q: "123" });
    check({ q: "100", sort: "number", order: "asc" });
  });

  it("matches 1–2 characters as the number or the start of a dataset name or team", () => {
    check({ q: "pa" });
    check({ q: "ML" });
    check({ q: "s", sort: "ownerTeam", order: "asc" });
    check({ q: "12" });
    check({ q: "7", status: "COMPLETED" });
  });

  it("treats search text as text, never as full-text query syntax", () => {
    for (const q of ['a"b', 'OR "x" AND', "col:val*", "NEAR(a b)", "%_%", "'; DROP TABLE x; --"]) check({ q });
    expect(ftsPhrase('say "hi"')).toBe('"say ""hi"""');
  });

  it("answers the API's shape through listRequests", async () => {
    const user = toSessionUser({ id: "user_alice", name: "Alice", email: "alice@example.com", role: "REQUESTER" });
    const res = await listRequests(listRequestsQuerySchema.parse({ requester: "me", pageSize: "5" }), user);
    expect(res).toEqual(model(rows, { requester: "me", pageSize: "5" }, "user_alice"));
    expect(Object.keys(res.items[0]!)).toEqual([
      "number",
      "datasetName",
      "requestType",
      "ownerTeam",
      "status",
      "priority",
      "requester",
      "assignee",
      "createdAt",
      "updatedAt",
      "statusChangedAt",
      "checklistProgress",
    ]);
  });
});

// ---- the per-row text test ---------------------------------------------------------

const numberOf = (r: { number: string }) => Number(r.number.slice(3));

describe("the per-row text test answers as the full-text index does", () => {
  it("knows every character the trigram index folds to ASCII", () => {
    // The row test is LIKE (ASCII case folding) plus the index itself for rows holding
    // one of FOLDS_TO_ASCII: that list must be every such character of this SQLite.
    const mem = new Database(":memory:");
    mem.exec(`CREATE VIRTUAL TABLE t USING fts5(x, tokenize = 'trigram')`);
    const insert = mem.prepare("INSERT INTO t (rowid, x) VALUES (?, ?)");
    mem.transaction(() => {
      for (let cp = 0x80; cp <= 0x10ffff; cp++) if (cp < 0xd800 || cp > 0xdfff) insert.run(cp, `|${String.fromCodePoint(cp)}|`);
    })();
    const match = mem.prepare("SELECT rowid FROM t WHERE t MATCH ?").pluck();
    const found: Record<string, string> = {};
    for (let c = 0x20; c < 0x7f; c++) {
      const ch = String.fromCharCode(c);
      for (const cp of match.all(ftsPhrase(`|${ch}|`)) as number[]) found[ch.toLowerCase()] = String.fromCodePoint(cp);
    }
    mem.close();
    expect(found).toEqual(FOLDS_TO_ASCII);
  });

  it("finds the Kelvin sign and the long s by the letters they fold to, and LIKE's wildcards as text, on every plan", async () => {
    const [a, b] = await db.datasetRequest.findMany({ take: 2, orderBy: { number: "asc" }, where: { status: "SUBMITTED" } });
    await db.datasetRequest.update({ where: { number: a!.number }, data: { useCase: "Zebu tra\u212Aqxy herds, by region." } });
    await db.datasetRequest.update({ where: { number: b!.number }, data: { useCase: "Zebu cen\u017Fqxy by region." } });
    const [c] = await db.datasetRequest.findMany({ take: 1, orderBy: { number: "desc" }, where: { status: "SUBMITTED" } });
    await db.datasetRequest.update({ where: { number: c!.number }, data: { useCase: "Discount 50%_off codes." } });
    for (const countLimit of [undefined, 1]) {
      for (const form of [undefined, "seek", "scan"] as const) {
        // LIKE's wildcards are text: "0%_o" as a pattern would match most rows.
        for (const input of [
          { q: "0%_o", sort: "updatedAt" },
          { q: "0%_O", status: "SUBMITTED", sort: "datasetName" },
        ]) {
          const res = runListQuery(readConnection(), listRequestsQuerySchema.parse({ ...input, pageSize: "100" }), admin.id, { form, countLimit });
          expect(res.items.map(numberOf)).toEqual([c!.number]);
        }
        for (const input of [{ q: "trakqxy" }, { q: "TRAKQXY herds", status: "SUBMITTED" }, { q: "trakqxy", sort: "updatedAt" }]) {
          const res = runListQuery(readConnection(), listRequestsQuerySchema.parse({ ...input, pageSize: "100" }), admin.id, { form, countLimit });
          expect(res.items.map(numberOf)).toEqual([a!.number]);
        }
        for (const input of [{ q: "censqxy" }, { q: "CENSQXY by", status: "SUBMITTED" }, { q: "censqxy", sort: "datasetName" }]) {
          const res = runListQuery(readConnection(), listRequestsQuerySchema.parse({ ...input, pageSize: "100" }), admin.id, { form, countLimit });
          expect(res.items.map(numberOf)).toEqual([b!.number]);
        }
      }
    }
  });
});

// ---- triggers ---------------------------------------------------------------------

describe("the database keeps the derived data right", () => {
  const search = (q: string) => runListQuery(readConnection(), listRequestsQuerySchema.parse({ q, pageSize: "100" }), admin.id);

  it("re-indexes a request for search when its name, team or use case changes", async () => {
    const target = (await db.datasetRequest.findFirstOrThrow({ where: { status: "SUBMITTED" }, orderBy: { number: "desc" } })).number;
    await db.datasetRequest.update({
      where: { number: target },
      data: { datasetName: "zebra_crossings", liveDatasetName: "zebra_crossings", useCase: "Counting zebras crossing the Serengeti at dusk." },
    });
    expect(search("zebra_cross").items.map(numberOf)).toEqual([target]);
    expect(search("Serengeti").items.map(numberOf)).toEqual([target]);
    await db.datasetRequest.update({ where: { number: target }, data: { ownerTeam: "wildlife" } });
    expect(search("wildlife").items.map(numberOf)).toEqual([target]);
    await db.datasetRequest.update({ where: { number: target }, data: { useCase: "Something else entirely, for the checkout." } });
    expect(search("Serengeti").total).toBe(0);
    expect(search("zebra_cross").items.map(numberOf)).toEqual([target]);
    // The full-text index agrees with its content table, row for row.
    await db.$executeRawUnsafe(`INSERT INTO "RequestSearch" ("RequestSearch", "rank") VALUES ('integrity-check', 1)`);
  });

  it("keeps every count of RequestCount equal to the rows it counts", async () => {
    const some = await db.datasetRequest.findMany({ take: 30, orderBy: { number: "asc" }, select: { number: true } });
    for (const [i, { number }] of some.entries()) {
      const status = (["IN_REVIEW", "CANCELLED", "COMPLETED"] as const)[i % 3]!;
      await db.datasetRequest.update({
        where: { number },
        data: {
          status,
          statusRank: STATUS_RANK[status],
          priority: "LOW",
          priorityRank: 0,
          ...assigneeColumns(i % 2 ? { id: "user_ops", name: "Omar Ops" } : null),
        },
      });
    }
    const actual = await db.$queryRawUnsafe<{ status: string; requestType: string; priority: string; assigneeId: string; n: bigint }[]>(
      `SELECT "status", "requestType", "priority", COALESCE("assigneeId", '') AS "assigneeId", COUNT(*) AS "n" FROM "DatasetRequest" GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4`,
    );
    const kept = await db.requestCount.findMany({
      where: { n: { gt: 0 } },
      orderBy: [{ status: "asc" }, { requestType: "asc" }, { priority: "asc" }, { assigneeId: "asc" }],
    });
    expect(kept.map((k) => ({ ...k, n: BigInt(k.n) }))).toEqual(actual);
    const query = listRequestsQuerySchema.parse({ status: ["IN_REVIEW", "CANCELLED"], assignee: "unassigned", priority: "LOW" });
    expect(runListQuery(readConnection(), query, admin.id).total).toBe(
      await db.datasetRequest.count({ where: { status: { in: ["IN_REVIEW", "CANCELLED"] }, assigneeId: null, priority: "LOW" } }),
    );
  });

  it("keeps assigneeName equal to the assignee's name, whoever writes the row", async () => {
    const { number } = await db.datasetRequest.findFirstOrThrow({ where: { assigneeId: null }, select: { number: true } });
    // A writer that sets only the id still gets the name.
    await db.datasetRequest.update({ where: { number }, data: { assigneeId: "user_admin" } });
    expect((await db.datasetRequest.findUniqueOrThrow({ where: { number } })).assigneeName).toBe("Dana Admin");
    // A wrong name is corrected.
    await db.datasetRequest.update({ where: { number }, data: { assigneeName: "Somebody Else" } });
    expect((await db.datasetRequest.findUniqueOrThrow({ where: { number } })).assigneeName).toBe("Dana Admin");
    // Renaming the user renames their assignments, and only theirs.
    const before = await db.datasetRequest.count({ where: { assigneeName: "Omar Ops" } });
    await db.user.update({ where: { id: "user_admin" }, data: { name: "Dana Storage" } });
    expect(await db.datasetRequest.count({ where: { assigneeId: "user_admin", NOT: { assigneeName: "Dana Storage" } } })).toBe(0);
    expect(await db.datasetRequest.count({ where: { assigneeName: "Omar Ops" } })).toBe(before);
    // Unassigning clears it.
    await db.datasetRequest.update({ where: { number }, data: assigneeColumns(null) });
    expect((await db.datasetRequest.findUniqueOrThrow({ where: { number } })).assigneeName).toBeNull();
    await db.user.update({ where: { id: "user_admin" }, data: { name: "Dana Admin" } });
  });

  it("assigneeColumns gives both columns", () => {
    expect(assigneeColumns({ id: "u1", name: "Ann" })).toEqual({ assigneeId: "u1", assigneeName: "Ann" });
    expect(assigneeColumns(null)).toEqual({ assigneeId: null, assigneeName: null });
  });
});

describe("prepared statements", () => {
  it("keeps at most STATEMENT_CACHE_SIZE per connection however many query shapes arrive, and answers alike after eviction", () => {
    const sqlite = readConnection();
    // Each sort, order and set of filters is its own SQL text.
    const filterSets = [{}, { priority: "LOW" }, { type: "NEW" }, { team: "payments" }, { assignee: "unassigned" }, { priority: "HIGH", type: "MIGRATION" }];
    const shapes = [];
    for (const sort of SORT_FIELDS)
      for (const order of ["asc", "desc"] as const)
        for (const filters of filterSets)
          for (const status of [undefined, ["SUBMITTED"], ["SUBMITTED", "IN_REVIEW"]]) shapes.push({ sort, order, status, ...filters });
    expect(shapes.length).toBeGreaterThan(STATEMENT_CACHE_SIZE);
    const first = runListQuery(sqlite, listRequestsQuerySchema.parse(shapes[0]), admin.id);
    for (const shape of shapes) runListQuery(sqlite, listRequestsQuerySchema.parse(shape), admin.id);
    // Full, not over: more than STATEMENT_CACHE_SIZE distinct SQL texts went through it.
    expect(cachedStatementCount(sqlite)).toBe(STATEMENT_CACHE_SIZE);
    expect(runListQuery(sqlite, listRequestsQuerySchema.parse(shapes[0]), admin.id)).toEqual(first);
  });

  it("reads a repeated status once: repeats add no new shape, and more repeats than statuses are refused", () => {
    expect(listRequestsQuerySchema.parse({ status: ["SUBMITTED", "IN_REVIEW", "SUBMITTED"] }).status).toEqual(["SUBMITTED", "IN_REVIEW"]);
    expect(listRequestsQuerySchema.parse({ status: ["IN_REVIEW", "SUBMITTED"] }).status).toEqual(["SUBMITTED", "IN_REVIEW"]);
    expect(listRequestsQuerySchema.safeParse({ status: Array(9).fill("SUBMITTED") }).success).toBe(false);
  });
});
