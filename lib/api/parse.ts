// Request parsing shared by the route handlers: zod errors become 400s in the one shape.
import type { z } from "zod";
import { ApiError } from "@/lib/api/errors";
import { readJsonBody } from "@/lib/api/read-json-body";
import { MAX_QUERY_PARAMETERS, searchParamsToObject } from "@/lib/schemas/list-params";
import { RAW_QUERY_HEADER } from "@/lib/security/raw-request-headers";

export async function parseJsonBody<S extends z.ZodType>(req: Request, schema: S): Promise<z.output<S>> {
  const parsed = schema.safeParse(await readJsonBody(req));
  if (!parsed.success) throw ApiError.fromZod(parsed.error);
  return parsed.data;
}

export { MAX_QUERY_PARAMETERS };

export function parseSearchParams<S extends z.ZodType>(req: Request, schema: S): z.output<S> {
  // The query as the client sent it, where the server stamped it (stamp-raw-request.ts).
  const raw = req.headers.get(RAW_QUERY_HEADER);
  const params = raw === null ? new URL(req.url).searchParams : new URLSearchParams(raw);
  // Refused before any parsing: a parameter repeated a thousand times is work for nothing.
  if (params.size > MAX_QUERY_PARAMETERS) {
    throw new ApiError("VALIDATION_FAILED", `Too many query parameters: at most ${MAX_QUERY_PARAMETERS}.`);
  }
  const parsed = schema.safeParse(searchParamsToObject(params));
  if (!parsed.success) throw ApiError.fromZod(parsed.error, "Some query parameters are not valid.");
  return parsed.data;
}
