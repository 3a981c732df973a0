// Request parsing shared by the route handlers: zod errors become 400s in the one shape.
import type { z } from "zod";
import { ApiError } from "@/lib/api/errors";
import { readJsonBody } from "@/lib/api/read-json-body";
import { searchParamsToObject } from "@/lib/schemas/request";

export async function parseJsonBody<S extends z.ZodType>(req: Request, schema: S): Promise<z.output<S>> {
  const parsed = schema.safeParse(await readJsonBody(req));
  if (!parsed.success) throw ApiError.fromZod(parsed.error);
  return parsed.data;
}

export function parseSearchParams<S extends z.ZodType>(req: Request, schema: S): z.output<S> {
  const parsed = schema.safeParse(searchParamsToObject(new URL(req.url).searchParams));
  if (!parsed.success) throw ApiError.fromZod(parsed.error, "Some query parameters are not valid.");
  return parsed.data;
}
