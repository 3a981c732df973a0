// Saved views of the queue: a name and the queue's query string. The query is read by
// the queue's own schema (listRequestsQuerySchema), so a view the queue would refuse is
// refused here with the queue's messages, and it is stored as the queue writes its URLs.
// The API, the save dialog and the OpenAPI document share these. Client-safe.
import { z } from "zod";
import { queueViewToSearch } from "@/lib/queries/queue-view";
import { listRequestsQuerySchema } from "./request";
import { MAX_QUERY_PARAMETERS, searchParamsToObject } from "./list-params";
import { requiredLine } from "./text-fields";

/** How many views one person may keep (the view menu stays a menu). */
export const MAX_SAVED_VIEWS = 50;
export const VIEW_NAME_MAX = 60;
const VIEW_QUERY_MAX = 2000;

/**
 * A queue query string ("requester=all&stale=true", a leading "?" allowed) → the same
 * view as the queue writes it: defaults left out, `requester` always there, page 1 (a
 * view opens at its first page). Problems carry the queue's own messages under `query.<param>`.
 */
export const viewQuerySchema = z
  .string({ error: "Query is required: the queue's query string, e.g. requester=all&stale=true" })
  .max(VIEW_QUERY_MAX, { error: `Query must be at most ${VIEW_QUERY_MAX} characters` })
  .transform((raw, ctx) => {
    const params = new URLSearchParams(raw.trim().replace(/^\?/, ""));
    if (params.size > MAX_QUERY_PARAMETERS) {
      ctx.addIssue({ code: "custom", message: `Query has too many parameters: at most ${MAX_QUERY_PARAMETERS}` });
      return z.NEVER;
    }
    const parsed = listRequestsQuerySchema.safeParse(searchParamsToObject(params));
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        if (issue.code === "unrecognized_keys") {
          for (const key of issue.keys) ctx.addIssue({ code: "custom", message: `The queue has no filter "${key}"`, path: [key] });
        } else ctx.addIssue({ code: "custom", message: issue.message, path: issue.path });
      }
      return z.NEVER;
    }
    return queueViewToSearch({ ...parsed.data, page: 1 });
  });

/** POST /api/views */
export const createViewBodySchema = z.strictObject({
  name: requiredLine("Name", VIEW_NAME_MAX).describe('What the view shows, e.g. "Stale migrations in EU"; unique among your views (case-insensitive)'),
  query: viewQuerySchema.describe(
    "The queue's query string (the part of a /requests URL after ?), with the parameters of GET /api/requests. Stored normalized: defaults left out, `requester` always given, no `page`.",
  ),
});
export type CreateViewInput = z.input<typeof createViewBodySchema>;
export type CreateViewBody = z.output<typeof createViewBodySchema>;

export const savedViewSchema = z.object({
  id: z.string(),
  name: z.string(),
  query: z.string().describe("Normalized query string: open /requests?<query>"),
  createdAt: z.iso.datetime(),
});
export type SavedViewDto = z.infer<typeof savedViewSchema>;

export const viewListResponseSchema = z.object({ items: z.array(savedViewSchema).describe("Your views, by name") });
export type ViewListResponse = z.infer<typeof viewListResponseSchema>;

/** The name as it is compared for uniqueness: "Stale EU" and "stale eu" are one name. */
export const viewNameKey = (name: string) => name.normalize("NFC").toLowerCase();
