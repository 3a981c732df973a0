import { withPublicApi } from "@/lib/api/with-api";
import { errorBody } from "@/lib/api/errors";
import { databaseAnswers } from "@/lib/data/check-database";

export const dynamic = "force-dynamic";

// GET /api/ready — readiness: 200 only when the database answers. Public, like /api/health.
export const GET = withPublicApi(async () =>
  (await databaseAnswers())
    ? Response.json({ status: "ready" })
    : Response.json(errorBody("SERVICE_UNAVAILABLE", "The database is not answering."), { status: 503 }),
);
