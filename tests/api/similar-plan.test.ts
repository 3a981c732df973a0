// SQLite's plans for duplicate detection's two lookups (lib/data/requests/find-similar-requests.ts):
// indexes, never a table scan. SQLite only; the lookups' answers are tested on both
// databases in similar.test.ts.
import { db } from "@/lib/db";

afterAll(() => db.$disconnect());

it("uses indexes for every lookup (no table scan)", async () => {
  const plans = [
    await db.$queryRawUnsafe<{ detail: string }[]>(
      `EXPLAIN QUERY PLAN SELECT number, datasetName, status, ownerTeam, sourceLocation FROM DatasetRequest
       WHERE liveDatasetName >= ? AND liveDatasetName < ? AND number <> ? ORDER BY liveDatasetName ASC LIMIT 10`,
      "feeds_user",
      "feeds_user\uffff",
      1,
    ),
    await db.$queryRawUnsafe<{ detail: string }[]>(
      `EXPLAIN QUERY PLAN SELECT number, datasetName, status, ownerTeam, sourceLocation FROM DatasetRequest WHERE sourceLocation IN (?, ?) AND status NOT IN ('REJECTED', 'CANCELLED') ORDER BY number DESC LIMIT 5`,
      "s3://a/b",
      "s3://a/b/",
    ),
  ].map((rows) => rows.map((r) => r.detail).join("; "));
  expect(plans[0]).toMatch(/SEARCH DatasetRequest USING INDEX DatasetRequest_liveDatasetName_key \(liveDatasetName>\? AND liveDatasetName<\?\)/);
  expect(plans[1]).toMatch(/SEARCH DatasetRequest USING INDEX DatasetRequest_sourceLocation_idx \(sourceLocation=\?\)/);
  // No full scan; the name probe reads in index order (no sort). The location lookup sorts
  // only the few rows that share the location.
  for (const plan of plans) expect(plan).not.toMatch(/SCAN DatasetRequest/);
  expect(plans[0]).not.toMatch(/TEMP B-TREE/);
});
