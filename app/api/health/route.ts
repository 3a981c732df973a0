import { withPublicApi } from "@/lib/api/with-api";
import { refuseOtherMethods } from "@/lib/api/method-not-allowed";
import { healthResponse } from "@/lib/schemas/health";

export const dynamic = "force-dynamic";

// GET /api/health — liveness: 200 while the process runs, with the version and the git
// commit of the build. Public (probes carry no session) and says nothing about the data.
export const GET = withPublicApi(async () => Response.json(healthResponse()));

// Any other method: 405 in the error envelope, with Allow.
export const { POST, PUT, PATCH, DELETE } = refuseOtherMethods("GET");
