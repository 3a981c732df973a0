// Personal API tokens: what the settings page, the API and the OpenAPI document share.
// Client-safe.
import { z } from "zod";
import { requiredLine } from "./text-fields";

export const TOKEN_EXPIRY_CHOICES = [30, 90, 365, null] as const;
export const DEFAULT_TOKEN_EXPIRY_DAYS = 90;
/** The tokens page warns this long before a token expires. */
export const TOKEN_EXPIRY_WARNING_MS = 7 * 24 * 60 * 60 * 1000;

/** POST /api/tokens */
export const createTokenBodySchema = z.strictObject({
  name: requiredLine("Name", 80).describe('What the token is for, e.g. "backup job on host db-7"'),
  readOnly: z.boolean({ error: "readOnly must be true or false" }).default(false).describe("true: the token may only read (GET); every other call answers 403"),
  expiresInDays: z
    .union([z.literal(30), z.literal(90), z.literal(365), z.null()], { error: "expiresInDays must be 30, 90, 365 or null (never)" })
    .default(DEFAULT_TOKEN_EXPIRY_DAYS)
    .describe("Days until the token stops working: 30, 90 (the default), 365, or null for never"),
});
export type CreateTokenBody = z.output<typeof createTokenBodySchema>;
export type CreateTokenInput = z.input<typeof createTokenBodySchema>;

export const apiTokenSchema = z.object({
  id: z.string(),
  name: z.string(),
  prefix: z.string().describe("The first characters of the token, to tell tokens apart"),
  createdAt: z.iso.datetime(),
  lastUsedAt: z.iso.datetime().nullable().describe("Updated at most once a minute"),
  readOnly: z.boolean().describe("true: reads only (GET); any other call answers 403"),
  expiresAt: z.iso.datetime().nullable().describe("When the token stops working (401); null: never"),
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
  token: apiTokenSchema.pick({ id: true, name: true, prefix: true, readOnly: true, expiresAt: true }).nullable().describe("The token used, for token calls"),
});
export type MeResponse = z.infer<typeof meResponseSchema>;
