// The benchmark's scenarios. Each has a group (goals are judged per group), a list of
// request paths cycled by the load generator, and, for writes, a body factory.
import Database from "better-sqlite3";

export const SORTS = [
  ["number", "desc"],
  ["datasetName", "asc"],
  ["requestType", "asc"],
  ["ownerTeam", "asc"],
  ["status", "desc"],
  ["priority", "desc"],
  ["assignee", "asc"],
  ["createdAt", "desc"],
  ["updatedAt", "desc"],
];
export const PAGE_SIZE = 25;
const OPEN = ["SUBMITTED", "IN_REVIEW", "NEEDS_INFO", "APPROVED", "PROVISIONING"];
/** A broad word of the seeded use cases ("fraud checks on the checkout path"): about 1 row in 6. */
export const BROAD_WORD = "checkout";

/**
 * What the scenarios need to know about a seeded database, asked through `query(sql,
 * params)` → rows (SQL with ? placeholders): a SQLite file or a PostgreSQL database.
 */
export async function inspectWith(query) {
  const value = async (sql, params = []) => Object.values((await query(sql, params))[0] ?? {})[0] ?? null;
  const total = Number(await value(`SELECT COUNT(*) FROM "DatasetRequest"`));
  const max = Number(await value(`SELECT MAX("number") FROM "DatasetRequest"`));
  const spread = (n) => Array.from({ length: n }, (_, i) => Math.max(1, Math.round(((i + 0.5) * max) / n)));
  const names = [];
  for (const n of spread(50))
    names.push(
      await value(`SELECT "liveDatasetName" FROM "DatasetRequest" WHERE "number" >= ? AND "liveDatasetName" IS NOT NULL ORDER BY "number" LIMIT 1`, [n]),
    );
  const liveNames = [...new Set(names.filter(Boolean))];
  // Datasets exist once their request completes (an open request holds its name too, but
  // GET /api/datasets/{name} answers 404 for it): names of live datasets, spread likewise.
  const datasets = [];
  for (const n of spread(50))
    datasets.push(
      await value(`SELECT "liveName" FROM "Dataset" WHERE "originRequestNumber" >= ? AND "liveName" IS NOT NULL ORDER BY "originRequestNumber" LIMIT 1`, [n]),
    );
  const datasetNames = [...new Set(datasets.filter(Boolean))];
  return {
    total,
    max,
    detailNumbers: spread(50),
    liveNames,
    datasetNames,
    // A whole dataset name, as someone looking a dataset up would type it.
    searchName: liveNames[Math.floor(liveNames.length / 2)],
  };
}

/** inspectWith on a SQLite file. */
export async function inspectDatabase(file) {
  const db = new Database(file, { readonly: true });
  try {
    return await inspectWith(async (sql, params) => db.prepare(sql).all(...params));
  } finally {
    db.close();
  }
}

const list = (params) => `/api/requests?${new URLSearchParams(params)}`;

/** @returns {{ name: string, group: string, paths?: string[], method?: string, body?: () => string, connections?: number, accept?: string }[]} */
export function scenarios(info, { quick = false } = {}) {
  const deepPage = Math.max(1, Math.floor(info.total / PAGE_SIZE / 2));
  // The framework's floors: a route that checks no session and runs no SQL, and one that
  // runs every check an API call makes (withApi: the session, the origin, the rate limit)
  // and nothing else. What a list costs beyond them shows as the gap to the lists.
  const out = [
    { name: "floor: GET /api/health (no session, no SQL)", group: "floor", paths: ["/api/health"] },
    { name: "floor: GET /api/me (the session check alone)", group: "floor", paths: ["/api/me"] },
  ];
  // --quick proves the harness in about a minute: every kind of scenario, but two sorts
  // for page 1 and one for a deep page.
  for (const [sort, order] of quick ? SORTS.slice(0, 2) : SORTS)
    out.push({ name: `list ${sort} ${order}, page 1`, group: "page1", sort, paths: [list({ sort, order })] });
  for (const [sort, order] of quick ? SORTS.slice(0, 1) : SORTS)
    out.push({ name: `list ${sort} ${order}, page ${deepPage}`, group: "deep", sort, paths: [list({ sort, order, page: deepPage })] });
  // The same pages as the queue's "next" reads them: after the previous page's last row
  // (its nextCursor, asked of the server before the run: withCursors).
  for (const [sort, order] of quick ? SORTS.slice(0, 1) : SORTS)
    out.push({
      name: `list ${sort} ${order}, page ${deepPage} after a cursor`,
      group: "next",
      sort,
      paths: [list({ sort, order, page: deepPage })],
      cursorFrom: list({ sort, order, page: deepPage - 1 }),
    });
  out.push(
    {
      name: "open statuses, by priority",
      group: "filter",
      paths: [list([...OPEN.map((s) => ["status", s]), ["sort", "priority"], ["order", "desc"]])],
    },
    { name: "assignee = me", group: "filter", paths: [list({ assignee: "me" })] },
    { name: "requester = alice (a requester's default view)", group: "filter", paths: [list({ requester: "user_alice" })] },
    { name: "requester = alice, by updated", group: "filter", paths: [list({ requester: "user_alice", sort: "updatedAt", order: "desc" })] },
    { name: "team = payments", group: "filter", paths: [list({ team: "payments" })] },
    { name: `search "${info.searchName}"`, group: "search", paths: [list({ q: info.searchName })] },
    { name: `search "${BROAD_WORD}" (1 row in 6)`, group: "search", paths: [list({ q: BROAD_WORD })] },
    { name: `search "KV-${Math.floor(info.max / 2)}"`, group: "search", paths: [list({ q: `KV-${Math.floor(info.max / 2)}` })] },
    { name: "request page (GET /api/requests/KV-n)", group: "read", paths: info.detailNumbers.map((n) => `/api/requests/KV-${n}`) },
    { name: "dataset by name (GET /api/datasets/x)", group: "read", paths: info.datasetNames.map((n) => `/api/datasets/${n}`) },
    { name: "SSR of /requests (admin's open work)", group: "ssr", paths: ["/requests"], accept: "text/html" },
  );
  return out;
}

/**
 * The scenarios with `cursorFrom` get their path's `after`: the nextCursor of that page,
 * asked of `baseUrl`. Both databases write the same cursor for the same rows, and the
 * answers are compared after, so one server's cursors serve every server of the run.
 */
export async function withCursors(list, baseUrl, cookie) {
  return Promise.all(
    list.map(async (s) => {
      if (!s.cursorFrom) return s;
      const res = await fetch(baseUrl + s.cursorFrom, { headers: { cookie, accept: "application/json" } });
      const { nextCursor } = await res.json();
      if (!res.ok || !nextCursor) throw new Error(`${s.name}: no nextCursor from ${s.cursorFrom} (${res.status})`);
      return { ...s, paths: s.paths.map((p) => `${p}&after=${nextCursor}`) };
    }),
  );
}

/** A valid create body whose dataset name is unique within `tag`. */
export function createBody(tag, i) {
  return JSON.stringify({
    datasetName: `bench_${tag}_${i}`,
    requestType: "MIGRATION",
    sourceSystem: "REDIS",
    ownerTeam: "benchmarks",
    contactEmail: "bench@example.com",
    useCase: `Benchmark request ${i}: serve counters to the load generator by key.`,
    keyFormat: "STRING",
    valueFormat: "JSON",
    ingestion: "ONLINE_WRITES",
    updateFrequency: "REALTIME",
    estimatedSizeGb: 12.5,
    estimatedKeyCount: "18000000000",
    readQps: 500,
    writeQps: 50,
    p99LatencyMs: 20,
    regions: ["us-east-1", "eu-west-1"],
    dataClassification: "INTERNAL",
    backupsEnabled: true,
    backupRetentionDays: 14,
    priority: "HIGH",
  });
}

/** Rows a create run left behind (number → dataset name), with their CREATED events, asked through `query` (as inspectWith). */
export async function storedCreatesWith(query, tag) {
  const like = `bench_${tag}_%`.replace(/_/g, "\\_");
  const rows = await query(`SELECT "number", "datasetName" FROM "DatasetRequest" WHERE "datasetName" LIKE ? ESCAPE '\\'`, [like]);
  const [counted] = await query(
    `SELECT COUNT(*) AS "n" FROM "RequestEvent" AS "e" JOIN "DatasetRequest" AS "d" ON "d"."number" = "e"."requestNumber"
     WHERE "d"."datasetName" LIKE ? ESCAPE '\\' AND "e"."kind" = 'CREATED'`,
    [like],
  );
  return {
    rows: rows.length,
    names: new Set(rows.map((r) => r.datasetName)).size,
    events: Number(counted.n),
    byNumber: new Map(rows.map((r) => [Number(r.number), r.datasetName])),
  };
}

/** storedCreatesWith on a SQLite file. */
export async function storedCreates(file, tag) {
  const db = new Database(file, { readonly: true });
  try {
    return await storedCreatesWith(async (sql, params) => db.prepare(sql).all(...params), tag);
  } finally {
    db.close();
  }
}
