import { withApi } from "@/lib/api/with-api";
import { parseSearchParams } from "@/lib/api/parse";
import { exportRequestsQuerySchema } from "@/lib/schemas/export";
import { exportRequestsStream } from "@/lib/data/requests/export-requests";
import { refuseOtherMethods } from "@/lib/api/method-not-allowed";

const CONTENT_TYPES = { csv: "text/csv; charset=utf-8", json: "application/json; charset=utf-8" } as const;

// GET /api/requests/export?format=csv|json&<the list's filters and sort> — every request
// of the view as a file, streamed from the database page by page.
export const GET = withApi(async ({ req, user }) => {
  const query = parseSearchParams(req, exportRequestsQuerySchema);
  const stamp = new Date().toISOString().slice(0, 16).replace(/[-:]/g, "").replace("T", "-");
  return new Response(exportRequestsStream(query, user, query.format), {
    headers: {
      "Content-Type": CONTENT_TYPES[query.format],
      "Content-Disposition": `attachment; filename="kvstore-requests-${stamp}.${query.format}"`,
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
});

// Any other method: 405 in the error envelope, with Allow.
export const { POST, PUT, PATCH, DELETE } = refuseOtherMethods("GET");
