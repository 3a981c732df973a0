// A view (filters, search, who asks) → the WHERE terms and the RequestCount facet it needs.
import "server-only";
import type { ListRequestsQuery } from "@/lib/schemas/request";
import { staleThresholds } from "@/lib/domain/requests/staleness";
import type { Dialect } from "@/lib/db/sql/dialect";
import { placeholders, term, type Term, type Form } from "./terms";
import { searchTerm, type Search } from "./search";

/** "me" → the asking user, "unassigned" → nobody, "all" → no filter, else a user id. */
function person(value: string | undefined, userId: string): string | null | undefined {
  if (value === undefined || value === "all") return undefined;
  if (value === "me") return userId;
  if (value === "unassigned") return null;
  return value;
}

export type Plan = {
  /** Every WHERE term: the filters, then the search. */
  terms: Term[];
  /** The filters alone (no search). */
  filters: Term[];
  /** WHERE on RequestCount when every filter is one of its columns, else null. The search is not in it. */
  facet: { sql: string; params: unknown[] } | null;
  search: Search | null;
  dialect: Dialect;
};

/**
 * Stale: open and longer in its status than the status's threshold, one arm per status
 * ("status" = ? AND "statusChangedAt" < ?), each a range on the (status, statusChangedAt) index.
 */
export function staleTerm(dialect: Dialect, now: number): Term {
  const arms = staleThresholds(now);
  const params = arms.flatMap(([status, since]) => [status, dialect.dateParam(since)]);
  return term(dialect, (c) => `(${arms.map(() => `(${c("status")} = ? AND ${c("statusChangedAt")} < ?)`).join(" OR ")})`, params);
}

export function plan(query: ListRequestsQuery, userId: string, dialect: Dialect, now: number = Date.now()): Plan {
  const terms: Term[] = [];
  const facet: string[] = [];
  const facetParams: unknown[] = [];
  let facetable = true;
  if (query.status?.length) {
    terms.push(term(dialect, (c) => `${c("status")} IN (${placeholders(query.status!.length)})`, query.status));
    facet.push(`"status" IN (${placeholders(query.status.length)})`);
    facetParams.push(...query.status);
  }
  if (query.type) {
    terms.push(term(dialect, (c) => `${c("requestType")} = ?`, [query.type]));
    facet.push(`"requestType" = ?`);
    facetParams.push(query.type);
  }
  if (query.priority) {
    terms.push(term(dialect, (c) => `${c("priority")} = ?`, [query.priority]));
    facet.push(`"priority" = ?`);
    facetParams.push(query.priority);
  }
  const assignee = person(query.assignee, userId);
  if (assignee !== undefined) {
    terms.push(assignee === null ? term(dialect, (c) => `${c("assigneeId")} IS NULL`, []) : term(dialect, (c) => `${c("assigneeId")} = ?`, [assignee]));
    facet.push(`"assigneeId" = ?`);
    facetParams.push(assignee ?? "");
  }
  if (query.team) {
    terms.push(term(dialect, (c) => `${c("ownerTeam")} = ?`, [query.team]));
    facetable = false;
  }
  const requester = person(query.requester, userId);
  if (requester !== undefined) {
    terms.push(term(dialect, (c) => `${c("requesterId")} = ?`, [requester ?? ""]));
    facetable = false;
  }
  if (query.stale) {
    terms.push(staleTerm(dialect, now));
    facetable = false;
  }
  const filters = [...terms];
  const search = query.q ? searchTerm(query.q, dialect) : null;
  if (search) terms.push(search.term);
  return {
    terms,
    filters,
    facet: facetable ? { sql: facet.length ? `WHERE ${facet.join(" AND ")}` : "", params: facetParams } : null,
    search,
    dialect,
  };
}

export const where = (terms: Term[], form: Form) => (terms.length ? `WHERE ${terms.map((t) => t[form].sql).join(" AND ")}` : "");
export const whereParams = (terms: Term[], form: Form) => terms.flatMap((t) => t[form].params);

/**
 * The terms a page or export reads with: the plan's, or, when a broad search is tested
 * on each row (Count.testSearchPerRow), the filters plus that per-row test instead of the
 * set of every text match.
 */
export function readTerms(p: Plan, testSearchPerRow: boolean): Term[] {
  return testSearchPerRow && p.search?.rowTest ? [...p.filters, { seek: p.search.rowTest, scan: p.search.rowTest }] : p.terms;
}
