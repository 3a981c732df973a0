// The insights' figures from the same rows on SQLite and PostgreSQL: the same numbers on
// both, and the numbers the rows say (computed here in JavaScript), after the rows were
// written and again after some were added, changed and deleted: the figures are counts the
// triggers of migration 20261203100000_insight_counts keep, written once per database (the
// date arithmetic is where the two differ). Needs the shared PostgreSQL test cluster
// (POSTGRES_TEST_URL).
import { insightsRead } from "@/lib/data/insights/get-insights";
import { OPEN_STATUSES, type RequestStatus } from "@/lib/domain/requests/options";
import { STALE_AFTER_DAYS } from "@/lib/domain/requests/staleness";
import { twoDatabases, type TwoDatabases } from "@/tests/helpers/two-databases";
import { insertRows } from "@/lib/db/sql/insert-rows";
import { run, type Read } from "@/lib/db/sql/reads";
import type { Dialect } from "@/lib/db/sql/dialect";
import { REQUEST_STORED_COLUMNS } from "@/lib/data/requests/stored-columns";
import { DAY, makeRows, writeRows } from "@/tests/helpers/parity-rows";

const rows = makeRows();
const NOW = new Date("2026-08-15T12:00:00Z");
let both: TwoDatabases;

beforeAll(async () => {
  both = await twoDatabases("insights_parity");
  await both.sqlite.write((dialect) => writeRows(dialect, rows));
  await both.postgres.write((dialect) => writeRows(dialect, rows));
}, 120_000);
// Dropping a database makes PostgreSQL checkpoint, which takes a while on a busy machine.
afterAll(() => both?.close(), 120_000);

const month = (d: unknown) => (d as Date).toISOString().slice(0, 7);
const isOpen = (r: Record<string, unknown>) => OPEN_STATUSES.includes(r.status as RequestStatus);

function median(values: number[]): number | null {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = (sorted.length - 1) / 2;
  return Math.round(((sorted[Math.floor(mid)]! + sorted[Math.ceil(mid)]!) / 2) * 10) / 10;
}

async function expectFigures(range: 6 | 12 | 24) {
  const [sqlite, postgres] = await Promise.all([
    both.sqlite.read((dialect) => insightsRead(range, NOW, dialect)),
    both.postgres.read((dialect) => insightsRead(range, NOW, dialect)),
  ]);
  expect(postgres).toEqual(sqlite);

  const since = `${sqlite.months[0]}`;
  const inRange = rows.requests.filter((r) => month(r.createdAt) >= since);
  expect(inRange.length).toBeGreaterThan(0);
  for (const { month: m, counts } of sqlite.requestsByMonth) {
    for (const [type, n] of Object.entries(counts))
      expect([m, type, n]).toEqual([m, type, inRange.filter((r) => month(r.createdAt) === m && r.requestType === type).length]);
  }
  const completed = rows.requests.filter((r) => r.status === "COMPLETED" && month(r.completedAt) >= since);
  expect(completed.length).toBeGreaterThan(3);
  for (const { month: m, medianDays, completed: n } of sqlite.completionByMonth) {
    const days = completed.filter((r) => month(r.completedAt) === m).map((r) => ((r.completedAt as Date).getTime() - (r.createdAt as Date).getTime()) / DAY);
    expect({ m, medianDays, n }).toEqual({ m, medianDays: median(days), n: days.length });
  }
  for (const { status, count, stale } of sqlite.backlog) {
    const open = rows.requests.filter((r) => r.status === status);
    const limit = STALE_AFTER_DAYS[status];
    const staleCount = limit === undefined ? 0 : open.filter((r) => (r.statusChangedAt as Date).getTime() < NOW.getTime() - limit * DAY).length;
    expect({ status, count, stale }).toEqual({ status, count: open.length, stale: staleCount });
  }
  expect(sqlite.unassigned).toBe(rows.requests.filter((r) => isOpen(r) && r.assigneeId === null).length);
  const teams = new Map<string, { total: number; open: number }>();
  for (const r of inRange) {
    const t = teams.get(r.ownerTeam as string) ?? { total: 0, open: 0 };
    teams.set(r.ownerTeam as string, { total: t.total + 1, open: t.open + (isOpen(r) ? 1 : 0) });
  }
  const top = [...teams]
    .map(([team, t]) => ({ team, ...t }))
    .sort((a, b) => b.total - a.total || (a.team < b.team ? -1 : 1))
    .slice(0, 10);
  expect(sqlite.topTeams).toEqual(top);
}

it.each([6, 12, 24] as const)("gives the same figures on both databases, and the right ones (%i months)", expectFigures);

it("keeps the figures right as requests are added, changed and deleted", async () => {
  const changes: { number: number; set: Record<string, unknown> }[] = [];
  for (const r of rows.requests) {
    const number = r.number as number;
    const set: Record<string, unknown> = {};
    if (number % 7 === 0 && r.status === "COMPLETED") Object.assign(set, { status: "IN_REVIEW", completedAt: null });
    else if (number % 7 === 0 && isOpen(r))
      Object.assign(set, { status: "COMPLETED", completedAt: new Date((r.createdAt as Date).getTime() + ((number % 13) + 0.25) * DAY) });
    else if (number % 7 === 0) set.ownerTeam = "moved-team";
    if (number % 11 === 0) set.createdAt = new Date((r.createdAt as Date).getTime() - 40 * DAY);
    if (Object.keys(set).length) changes.push({ number, set });
  }
  const extra = rows.requests.slice(0, 6).map((r, i) => ({
    ...r,
    number: 1000 + i,
    datasetName: `extra_${i}`,
    liveDatasetName: null,
    openAmendment: null,
    status: i % 2 ? "SUBMITTED" : "COMPLETED",
    completedAt: i % 2 ? null : new Date((r.createdAt as Date).getTime() + (i + 1) * DAY),
  }));
  const deleted = [1000, 1001, 1004];
  function* apply(dialect: Dialect): Read<void> {
    const param = (v: unknown) => (v instanceof Date ? dialect.dateParam(v) : v);
    for (const { number, set } of changes) {
      const columns = Object.keys(set);
      yield* run(`UPDATE "DatasetRequest" SET ${columns.map((c) => `"${c}" = ?`).join(", ")} WHERE "number" = ?`, [
        ...columns.map((c) => param(set[c])),
        number,
      ]);
    }
    yield* insertRows(dialect, "DatasetRequest", REQUEST_STORED_COLUMNS, extra);
    yield* run(`DELETE FROM "DatasetRequest" WHERE "number" IN (?, ?, ?)`, deleted);
  }
  await both.sqlite.write(apply);
  await both.postgres.write(apply);
  for (const { number, set } of changes)
    Object.assign(
      rows.requests.find((r) => r.number === number)!,
      set,
    );
  rows.requests.push(...extra.filter((r) => !deleted.includes(r.number)));
  expect(changes.length).toBeGreaterThan(40);

  for (const range of [6, 12, 24] as const) await expectFigures(range);
});
