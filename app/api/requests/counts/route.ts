import { withApi } from "@/lib/api/with-api";
import { parseSearchParams } from "@/lib/api/parse";
import { presetCountsQuerySchema } from "@/lib/schemas/request";
import { countPresets } from "@/lib/data/requests/count-presets";
import { refuseOtherMethods } from "@/lib/api/method-not-allowed";

// GET /api/requests/counts — how many requests each queue preset holds for the caller.
export const GET = withApi(async ({ req, user }) => {
  parseSearchParams(req, presetCountsQuerySchema);
  return Response.json(await countPresets(user));
});

// Any other method: 405 in the error envelope, with Allow.
export const { POST, PUT, PATCH, DELETE } = refuseOtherMethods("GET");
