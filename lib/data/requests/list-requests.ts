import "server-only";
import { readConnection } from "@/lib/db/sqlite-connections";
import type { SessionUser } from "@/lib/auth/roles";
import type { ListRequestsQuery, RequestListResponse } from "@/lib/schemas/request";
import { runListQuery } from "@/lib/data/requests/list-query";

/**
 * The queue: filtered, sorted, paged and counted by the database. Every signed-in user
 * may list. The SQL and why it is shaped so: list-query.ts. It runs on the read
 * connection's prepared statements: through Prisma every query was compiled anew, the
 * largest share of a list request's time (BENCHMARKS.md).
 */
export async function listRequests(query: ListRequestsQuery, user: SessionUser): Promise<RequestListResponse> {
  return runListQuery(readConnection(), query, user.id);
}
