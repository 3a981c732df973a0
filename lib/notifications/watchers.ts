// Who watches a request: its requester and its assignee without asking, anyone who
// pressed Watch or was @mentioned, minus whoever pressed Unwatch; active people only.
import type Database from "better-sqlite3";

const WATCHERS_SQL = `
  SELECT w."id" AS "id" FROM (
    SELECT "requesterId" AS "id" FROM "DatasetRequest" WHERE "number" = @n
    UNION SELECT "assigneeId" FROM "DatasetRequest" WHERE "number" = @n AND "assigneeId" IS NOT NULL
    UNION SELECT "userId" FROM "RequestWatch" WHERE "requestNumber" = @n AND "watching" = 1
  ) w
  JOIN "user" u ON u."id" = w."id" AND u."active" = 1
  WHERE w."id" NOT IN (SELECT "userId" FROM "RequestWatch" WHERE "requestNumber" = @n AND "watching" = 0)`;

export function watcherIds(sqlite: Database.Database, requestNumber: number): string[] {
  return (sqlite.prepare(WATCHERS_SQL).all({ n: requestNumber }) as { id: string }[]).map((r) => r.id);
}
