import "server-only";
import { readConnection } from "@/lib/db/sqlite-connections";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { SessionUser } from "@/lib/auth/roles";
import { parseRequestNumber } from "@/lib/domain/requests/options";
import type { ListRequestsQuery, RequestListResponse, SortField } from "@/lib/schemas/request";
import { runListQuery } from "@/lib/data/requests/list-query";

// The export (export-requests.ts) pages through a view with Prisma: its order and filter.
type Order = Prisma.SortOrder;

// Each sort ends with the request number, so pages never overlap or skip rows.
const ORDER_BY: Record<SortField, (o: Order) => Prisma.DatasetRequestOrderByWithRelationInput[]> = {
  number: (o) => [{ number: o }],
  datasetName: (o) => [{ datasetName: o }, { number: o }],
  requestType: (o) => [{ requestType: o }, { number: o }],
  ownerTeam: (o) => [{ ownerTeam: o }, { number: o }],
  status: (o) => [{ statusRank: o }, { number: o }],
  priority: (o) => [{ priorityRank: o }, { number: o }],
  assignee: (o) => [{ assignee: { name: o } }, { number: o }],
  createdAt: (o) => [{ createdAt: o }, { number: o }],
  updatedAt: (o) => [{ updatedAt: o }, { number: o }],
};

/** The queue's order for a view, ending with the number (the export pages through it too). */
export function listOrderBy(query: Pick<ListRequestsQuery, "sort" | "order">) {
  return ORDER_BY[query.sort](query.order);
}

/** "me" → the asking user, "unassigned" → nobody, "all" → no filter, else a user id. */
function personFilter(value: string | undefined, user: SessionUser): string | null | undefined {
  if (value === undefined || value === "all") return undefined;
  if (value === "me") return user.id;
  if (value === "unassigned") return null;
  return value;
}

export function buildWhere(query: ListRequestsQuery, user: SessionUser): Prisma.DatasetRequestWhereInput {
  const where: Prisma.DatasetRequestWhereInput = {};
  if (query.status?.length) where.status = { in: query.status };
  if (query.type) where.requestType = query.type;
  if (query.team) where.ownerTeam = query.team;
  if (query.priority) where.priority = query.priority;
  const assignee = personFilter(query.assignee, user);
  if (assignee !== undefined) where.assigneeId = assignee;
  const requester = personFilter(query.requester, user);
  if (requester !== undefined) where.requesterId = requester ?? "";
  if (query.q) {
    const number = parseRequestNumber(query.q);
    where.OR = [
      ...(number !== null ? [{ number }] : []),
      { datasetName: { contains: query.q } },
      { ownerTeam: { contains: query.q } },
      { useCase: { contains: query.q } },
    ];
  }
  return where;
}

/**
 * The queue: filtered, sorted, paged and counted by the database. Every signed-in user
 * may list. The SQL and why it is shaped so: list-query.ts. It runs on the read
 * connection's prepared statements: through Prisma every query was compiled anew, the
 * largest share of a list request's time (BENCHMARKS.md).
 */
export async function listRequests(query: ListRequestsQuery, user: SessionUser): Promise<RequestListResponse> {
  return runListQuery(readConnection(), query, user.id);
}
