// GET /api/requests/similar: live requests that may duplicate the one being written.
// Client-safe.
import { z } from "zod";
import { REQUEST_STATUSES } from "@/lib/domain/requests/options";
import { queryText } from "./text-fields";

export const similarRequestsQuerySchema = z.strictObject({
  name: queryText("name", 0, 100).optional().describe("Dataset name as typed so far"),
  location: queryText("location", 0, 500).optional().describe("Source location as typed"),
  exclude: z
    .string()
    .trim()
    .regex(/^(?:KV-)?[1-9][0-9]{0,9}$/i, { error: "exclude must be a request number like KV-12" })
    .optional()
    .describe("The request being edited, left out of the answer"),
});
export type SimilarRequestsQuery = z.output<typeof similarRequestsQuerySchema>;

const similarRequestSchema = z.object({
  number: z.string(),
  datasetName: z.string(),
  status: z.enum(REQUEST_STATUSES),
  ownerTeam: z.string(),
  sourceLocation: z.string().nullable(),
  match: z.enum(["sameName", "similarName", "sameLocation"]).describe("Why it is listed"),
});
export type SimilarRequest = z.infer<typeof similarRequestSchema>;

export const similarRequestsResponseSchema = z.object({ items: z.array(similarRequestSchema) });
export type SimilarRequestsResponse = z.infer<typeof similarRequestsResponseSchema>;
