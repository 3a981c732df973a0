import { withPublicApi } from "@/lib/api/with-api";
import { errorBody } from "@/lib/api/errors";
import { databaseReady } from "@/lib/db/availability";
import { refuseOtherMethods } from "@/lib/api/method-not-allowed";

export const dynamic = "force-dynamic";

// GET /api/ready — readiness: 200 only when the database answers and can take writes.
// Public, like /api/health: probes carry no session.
export const GET = withPublicApi(async () => {
  const ready = await databaseReady();
  return ready.ok
    ? Response.json({ status: "ready" })
    : Response.json(errorBody("SERVICE_UNAVAILABLE", ready.reason), { status: 503, headers: { "Retry-After": "5" } });
});

// Any other method: 405 in the error envelope, with Allow.
export const { POST, PUT, PATCH, DELETE } = refuseOtherMethods("GET");
