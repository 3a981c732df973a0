import { withPublicApi } from "@/lib/api/with-api";

export const dynamic = "force-dynamic";

// GET /api/health — liveness: 200 while the process runs. Public (probes carry no session)
// and says nothing about the data.
export const GET = withPublicApi(async () => Response.json({ status: "ok" }));
