// The queue's list query as URL parameters, without zod. The queue page ships to the
// browser, and zod would be 30 KB gzipped of its first-load JavaScript (BENCHMARKS.md);
// the page only needs to read its own URL forgivingly. The API still validates with
// listRequestsQuerySchema (request.ts), and a test checks that every field reads here
// exactly as the schema reads it. Client-safe.
import { PRIORITIES, REQUEST_STATUSES, REQUEST_TYPES, SORT_FIELDS } from "@/lib/domain/requests/options";
import type { ListRequestsQuery } from "@/lib/schemas/request";
import { SINGLE_LINE } from "@/lib/schemas/text";

/** No query of the app has more (the queue: 11 keys, status at most once per status). */
export const MAX_QUERY_PARAMETERS = 30;

/** URLSearchParams → the plain object the list schema reads (repeated keys → arrays). */
export function searchParamsToObject(params: URLSearchParams): Record<string, string | string[]> {
  // No prototype: a key named "__proto__" stays a key (and strict schemas refuse it)
  // instead of silently replacing the object's prototype.
  const out: Record<string, string | string[]> = Object.create(null);
  for (const key of new Set(params.keys())) {
    const all = params.getAll(key);
    out[key] = all.length > 1 ? all : (all[0] ?? "");
  }
  return out;
}

/** The list query → URLSearchParams, leaving out defaults so URLs stay short. */
export function listQueryToSearchParams(query: Partial<ListRequestsQuery>): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === "") continue;
    if (Array.isArray(value)) value.forEach((v) => params.append(key, String(v)));
    else params.set(key, String(value));
  }
  return params;
}

/** What listRequestsQuerySchema.parse({}) gives. */
export const LIST_QUERY_DEFAULTS = { sort: "number", order: "desc", page: 1, pageSize: 25 } as const satisfies Partial<ListRequestsQuery>;

type Raw = string | string[];
const one =
  <T extends string>(values: readonly T[]) =>
  (raw: Raw) =>
    typeof raw === "string" && (values as readonly string[]).includes(raw) ? (raw as T) : undefined;
const text = (min: number, max: number) => (raw: Raw) => {
  if (typeof raw !== "string") return undefined;
  const v = raw.trim();
  return v.length >= min && v.length <= max && SINGLE_LINE.test(v) && v.isWellFormed() ? v : undefined;
};
const positive = (max: number) => (raw: Raw) =>
  typeof raw === "string" && /^[0-9]{1,9}$/.test(raw) && Number(raw) >= 1 && Number(raw) <= max ? Number(raw) : undefined;

/**
 * Each field of the list query read on its own, as
 * `listRequestsQuerySchema.shape[field].safeParse(raw)` reads it: the value, or
 * undefined when it is not valid.
 */
export const LIST_QUERY_FIELDS: { [K in keyof ListRequestsQuery]-?: (raw: Raw) => ListRequestsQuery[K] | undefined } = {
  sort: one(SORT_FIELDS),
  order: one(["asc", "desc"] as const),
  status: (raw) => {
    const all = Array.isArray(raw) ? raw : [raw];
    const valid = one(REQUEST_STATUSES);
    if (all.length > REQUEST_STATUSES.length || !all.every((s) => valid(s) !== undefined)) return undefined;
    return REQUEST_STATUSES.filter((s) => all.includes(s));
  },
  type: one(REQUEST_TYPES),
  team: text(1, 80),
  assignee: text(1, 64),
  requester: text(1, 64),
  priority: one(PRIORITIES),
  stale: one(["true"] as const),
  q: text(0, 200),
  page: positive(100_000),
  pageSize: positive(100),
};
