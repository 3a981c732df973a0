import "server-only";
import { readDatabase } from "@/lib/db/sql/database";
import type { SessionUser } from "@/lib/auth/roles";
import type { ListRequestsQuery, RequestListResponse } from "@/lib/schemas/request";
import type { ListCursor } from "@/lib/domain/requests/list-cursor";
import { listQuery } from "@/lib/data/requests/list-query";

/**
 * The queue: filtered, sorted, paged and counted by the database. Every signed-in user
 * may list. The SQL and why it is shaped so: list-query.ts. It runs on the read
 * connection's prepared statements: through Prisma every query was compiled anew, the
 * largest share of a list request's time (BENCHMARKS.md). On PostgreSQL the same read
 * runs on the pool (lib/db/sql/reads.ts). `after`: the page starts after that row (list-cursor.ts).
 */
export async function listRequests(query: ListRequestsQuery, user: SessionUser, after?: ListCursor): Promise<RequestListResponse> {
  return readDatabase((dialect) => listQuery(query, user.id, dialect, { after }));
}
