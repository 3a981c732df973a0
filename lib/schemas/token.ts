// Personal API tokens: what the settings page, the API and the OpenAPI document share.
// Client-safe.
import { z } from "zod";
import { SINGLE_LINE, isWellFormed } from "./text";

/** POST /api/tokens */
export const createTokenBodySchema = z.strictObject({
  name: z
    .string({ error: "Name is required" })
    .trim()
    .min(1, { error: "Name is required" })
    .max(80, { error: "Name must be at most 80 characters" })
    .regex(SINGLE_LINE, { error: "Name contains control characters" })
    .refine(isWellFormed, { error: "Name contains invalid characters" })
    .describe('What the token is for, e.g. "backup job on host db-7"'),
});
export type CreateTokenBody = z.output<typeof createTokenBodySchema>;

export const apiTokenSchema = z.object({
  id: z.string(),
  name: z.string(),
  prefix: z.string().describe("The first characters of the token, to tell tokens apart"),
  createdAt: z.iso.datetime(),
  lastUsedAt: z.iso.datetime().nullable().describe("Updated at most once a minute"),
});
export type ApiTokenDto = z.infer<typeof apiTokenSchema>;

export const createdTokenSchema = apiTokenSchema.extend({
  token: z.string().describe("The token itself. Shown once: only a hash is stored."),
});
export type CreatedTokenDto = z.infer<typeof createdTokenSchema>;

export const tokenListResponseSchema = z.object({ items: z.array(apiTokenSchema) });
export type TokenListResponse = z.infer<typeof tokenListResponseSchema>;

/** GET /api/me — who the API takes the caller for. */
export const meResponseSchema = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string(),
  role: z.enum(["ADMIN", "REQUESTER"]),
  team: z.string().nullable(),
  authenticatedWith: z.enum(["session", "token"]),
  token: apiTokenSchema.pick({ id: true, name: true, prefix: true }).nullable().describe("The token used, for token calls"),
});
export type MeResponse = z.infer<typeof meResponseSchema>;
