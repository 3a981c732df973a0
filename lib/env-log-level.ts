// LOG_LEVEL on its own: the logger is created in the request hook at server start, which
// must not depend on the rest of the environment (env.ts validates it all, this included).
import { z } from "zod";

const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;
export const logLevelSchema = z.enum(LOG_LEVELS).default("info");

export function logLevel(): (typeof LOG_LEVELS)[number] {
  const parsed = logLevelSchema.safeParse(process.env.LOG_LEVEL === "" ? undefined : process.env.LOG_LEVEL);
  if (!parsed.success) throw new Error(`Invalid environment: LOG_LEVEL must be one of ${LOG_LEVELS.join(", ")}`);
  return parsed.data;
}
