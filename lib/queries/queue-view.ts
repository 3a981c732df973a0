// The queue's view state lives in the URL. This turns URL params into a list query
// (forgiving: a bad value falls back to its default) and back. It runs in the browser,
// so it reads fields with the zod-free readers of lib/schemas/list-params.ts.
import type { Role } from "@/lib/auth/roles";
import { presetView, type PresetId } from "@/lib/domain/requests/presets";
import { OPEN_STATUSES } from "@/lib/domain/requests/options";
import { LIST_QUERY_DEFAULTS, LIST_QUERY_FIELDS, listQueryToSearchParams, searchParamsToObject } from "@/lib/schemas/list-params";
import type { ListRequestsQuery } from "@/lib/schemas/request";

const DEFAULTS: ListRequestsQuery = { ...LIST_QUERY_DEFAULTS };

/** What a bare /requests shows: requesters their own requests, admins the open work. */
function roleDefaultView(role: Role): ListRequestsQuery {
  return role === "ADMIN" ? { ...DEFAULTS, requester: "all", status: [...OPEN_STATUSES] } : { ...DEFAULTS, requester: "me" };
}

export function readQueueView(params: URLSearchParams, role: Role): ListRequestsQuery {
  const raw = searchParamsToObject(params);
  if (Object.keys(raw).length === 0) return roleDefaultView(role);
  const view: Record<string, unknown> = { ...DEFAULTS };
  for (const key of Object.keys(LIST_QUERY_FIELDS) as (keyof ListRequestsQuery)[]) {
    if (!(key in raw)) continue;
    const value = LIST_QUERY_FIELDS[key](raw[key]!);
    if (value !== undefined) view[key] = value;
  }
  return view as ListRequestsQuery;
}

/**
 * The URL for a view. `requester` is always written, so a view the user chose never
 * reads as "no params" and silently turns back into the role's default.
 */
export function queueViewToSearch(view: ListRequestsQuery): string {
  const trimmed: Partial<ListRequestsQuery> = { ...view, requester: view.requester ?? "all" };
  for (const key of ["sort", "order", "page", "pageSize"] as const) {
    if (trimmed[key] === DEFAULTS[key]) delete trimmed[key];
  }
  return listQueryToSearchParams(trimmed).toString();
}

/**
 * Which page of the queue a render shows: the view and the cursor it was read from (the
 * URL's `after`, when "next" led there). The server page and the client queue compare
 * theirs, so the page the server read is the initial data of that view's query only.
 */
export function renderedFor(view: ListRequestsQuery, after: string | null): string {
  return after ? `${queueViewToSearch(view)}&after=${after}` : queueViewToSearch(view);
}

/** A requester filter that names one person (a user id), not "me", "all" or "unassigned". */
export function personFilter(value: string | undefined): string | null {
  return value && !["me", "all", "unassigned"].includes(value) ? value : null;
}

/** The queue's address of a view (page 1). */
export function queueHref(view: ListRequestsQuery): string {
  return `/requests?${queueViewToSearch({ ...view, page: 1 })}`;
}

/** A preset applied to the current view: its filters, the view's sort and page size. */
export function presetHref(view: ListRequestsQuery, id: PresetId, role: Role): string {
  return queueHref({ ...view, ...presetView(id, role) });
}

/** Next.js page searchParams → URLSearchParams. */
export function toUrlSearchParams(record: Record<string, string | string[] | undefined>): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(record)) {
    if (Array.isArray(value)) value.forEach((v) => params.append(key, v));
    else if (value !== undefined) params.set(key, value);
  }
  return params;
}
