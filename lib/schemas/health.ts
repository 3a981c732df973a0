// GET /api/health's answer: alive, with the version and the git commit of the build.
import { z } from "zod";
import packageJson from "@/package.json";

export const healthResponseSchema = z.object({
  status: z.literal("ok"),
  version: z.string().describe("The app's package version (package.json)").meta({ example: "0.1.0" }),
  commit: z.string().describe('The git commit the build was made from (short hash), or "unknown" (a build without git)').meta({ example: "399c79d" }),
});

type HealthResponse = z.output<typeof healthResponseSchema>;

/**
 * next.config.js inlines KVSTORE_COMMIT at build time (`git rev-parse --short HEAD`, or
 * the GIT_COMMIT build argument of the Docker build); outside a Next build (jest) and
 * without git it is "unknown".
 */
export function healthResponse(): HealthResponse {
  return { status: "ok", version: packageJson.version, commit: process.env.KVSTORE_COMMIT || "unknown" };
}
