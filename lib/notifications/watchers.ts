// Who watches a request: its requester and its assignee without asking, anyone who
// pressed Watch or was @mentioned, minus whoever pressed Unwatch; active people only.
import type { Dialect } from "@/lib/db/sql/dialect";
import { rows, type Read } from "@/lib/db/sql/reads";

const WATCHERS_SQL = `
  SELECT w."id" AS "id" FROM (
    SELECT "requesterId" AS "id" FROM "DatasetRequest" WHERE "number" = ?
    UNION SELECT "assigneeId" FROM "DatasetRequest" WHERE "number" = ? AND "assigneeId" IS NOT NULL
    UNION SELECT "userId" FROM "RequestWatch" WHERE "requestNumber" = ? AND "watching" = ?
  ) w
  JOIN "user" u ON u."id" = w."id" AND u."active" = ?
  WHERE w."id" NOT IN (SELECT "userId" FROM "RequestWatch" WHERE "requestNumber" = ? AND "watching" = ?)`;

export function* watcherIds(d: Dialect, requestNumber: number): Read<string[]> {
  const n = requestNumber;
  const found = yield* rows<{ id: string }>(WATCHERS_SQL, [n, n, n, d.boolParam(true), d.boolParam(true), n, d.boolParam(false)]);
  return found.map((r) => r.id);
}
