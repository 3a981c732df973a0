// The catalog, a dataset's page, its export and the insights through the app's own path
// (readDatabase picks the database by DATABASE_URL): on SQLite in the normal run, on
// PostgreSQL in `npm run test:unit:postgres` (tests/setup/postgres-suites.ts).
import { listDatasets } from "@/lib/data/datasets/list-datasets";
import { exportDatasets } from "@/lib/data/datasets/export-datasets";
import { findDataset } from "@/lib/data/datasets/get-dataset";
import { getInsights } from "@/lib/data/insights/get-insights";
import { writeDatabase } from "@/lib/db/sql/database";
import { OPEN_STATUSES, type RequestStatus } from "@/lib/domain/requests/options";
import { listDatasetsQuerySchema, type ListDatasetsQueryInput } from "@/lib/schemas/dataset";
import { makeRows, writeRows } from "@/tests/helpers/parity-rows";
import { db } from "@/lib/db";

const rows = makeRows();
const list = (query: ListDatasetsQueryInput) => listDatasets(listDatasetsQuerySchema.parse({ pageSize: "100", ...query }));
const text = (d: Record<string, unknown>) => [d.name, d.ownerTeam, d.useCase] as string[];

beforeAll(() => writeDatabase((dialect) => writeRows(dialect, rows)));
afterAll(() => db.$disconnect());

it("lists, searches and sorts the catalog", async () => {
  const all = await list({});
  expect(all.total).toBe(rows.datasets.length);
  expect(all.items.map((d) => d.name)).toEqual(
    rows.datasets
      .map((d) => ({ name: d.name as string, id: d.id as number }))
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.id - b.id))
      .slice(0, 100)
      .map((d) => d.name),
  );
  // Long text (the trigram index), short text, LIKE's metacharacters, another case.
  for (const q of ["payments", "ml", "100%", "data\\lake", "MIXED case"]) {
    const found = await list({ q });
    expect([q, found.total]).toEqual([q, rows.datasets.filter((d) => text(d).some((t) => t.toLowerCase().includes(q.toLowerCase()))).length]);
  }
  const decommissioning = await list({ status: "DECOMMISSIONING" });
  expect(decommissioning.total).toBeGreaterThan(0);
  expect(decommissioning.items.every((d) => d.status === "DECOMMISSIONING")).toBe(true);
  const bySize = await list({ sort: "estimatedSizeGb", order: "desc", region: "eu-west-1" });
  expect(bySize.items.every((d) => d.regions.includes("eu-west-1"))).toBe(true);
  expect(bySize.items.map((d) => d.estimatedSizeGb)).toEqual([...bySize.items.map((d) => d.estimatedSizeGb)].sort((a, b) => b - a));
});

it("exports the catalog's view, and shows a dataset's page with its requests", async () => {
  const csv = await exportDatasets({ ...listDatasetsQuerySchema.parse({}), team: "search%ops" }, "csv");
  expect(csv.trim().split("\n")).toHaveLength(1 + rows.datasets.filter((d) => d.ownerTeam === "search%ops").length);
  const live = rows.datasets.find((d) => d.status === "LIVE")!;
  const page = await findDataset(live.name as string);
  expect(page).toMatchObject({ name: live.name, ownerTeam: live.ownerTeam, estimatedKeyCount: String(live.estimatedKeyCount) });
  expect(page!.requests.map((r) => r.number)).toContain(`KV-${live.originRequestNumber}`);
});

it("computes the insights", async () => {
  const insights = await getInsights(24, new Date("2026-08-15T12:00:00Z"));
  const open = rows.requests.filter((r) => OPEN_STATUSES.includes(r.status as RequestStatus));
  expect(insights.unassigned).toBe(open.filter((r) => r.assigneeId === null).length);
  expect(insights.backlog.reduce((n, b) => n + b.count, 0)).toBe(open.length);
  expect(insights.requestsByMonth.reduce((n, m) => n + Object.values(m.counts).reduce((a, b) => a + b, 0), 0)).toBe(rows.requests.length);
  expect(insights.completionByMonth.reduce((n, m) => n + m.completed, 0)).toBe(rows.requests.filter((r) => r.status === "COMPLETED").length);
});
