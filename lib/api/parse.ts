// Request parsing shared by the route handlers: zod errors become 400s in the one shape.
import type { z } from "zod";
import { ApiError } from "@/lib/api/errors";
import { readJsonBody } from "@/lib/api/read-json-body";
import { searchParamsToObject } from "@/lib/schemas/request";
import { RAW_QUERY_HEADER } from "@/lib/security/raw-request-headers";

export async function parseJsonBody<S extends z.ZodType>(req: Request, schema: S): Promise<z.output<S>> {
  const parsed = schema.safeParse(await readJsonBody(req));
  if (!parsed.success) throw ApiError.fromZod(parsed.error);
  return parsed.data;
}

export function parseSearchParams<S extends z.ZodType>(req: Request, schema: S): z.output<S> {
  // The query as the client sent it, where the server stamped it (stamp-raw-request.ts).
  const raw = req.headers.get(RAW_QUERY_HEADER);
  const params = raw === null ? new URL(req.url).searchParams : new URLSearchParams(raw);
  const parsed = schema.safeParse(searchParamsToObject(params));
  if (!parsed.success) throw ApiError.fromZod(parsed.error, "Some query parameters are not valid.");
  return parsed.data;
}
