import { z } from "zod";
import { withPublicApi } from "@/lib/api/with-api";
import { parseSearchParams } from "@/lib/api/parse";
import { refuseOtherMethods } from "@/lib/api/method-not-allowed";
import { assertMayScrape, metricsText } from "@/lib/observability/metrics-endpoint";

export const dynamic = "force-dynamic";

// GET /api/metrics — Prometheus text format. Only with Authorization: Bearer
// <METRICS_TOKEN> (401 otherwise); off (404) when METRICS_TOKEN is unset. No session or
// API token opens it: it is for the monitoring system, not for people.
export const GET = withPublicApi(async (req) => {
  assertMayScrape(req);
  parseSearchParams(req, z.strictObject({}));
  const { text, contentType } = await metricsText();
  return new Response(text, { headers: { "Content-Type": contentType } });
});

// Any other method: 405 in the error envelope, with Allow.
export const { POST, PUT, PATCH, DELETE } = refuseOtherMethods("GET");
