import { withApi } from "@/lib/api/with-api";
import { parseSearchParams } from "@/lib/api/parse";
import { exportDatasetsQuerySchema } from "@/lib/schemas/dataset";
import { exportDatasets } from "@/lib/data/datasets/export-datasets";
import { refuseOtherMethods } from "@/lib/api/method-not-allowed";

const CONTENT_TYPES = { csv: "text/csv; charset=utf-8", json: "application/json; charset=utf-8" } as const;

// GET /api/datasets/export?format=csv|json&<the catalog's filters and sort> — every dataset of the view as a file.
export const GET = withApi(async ({ req }) => {
  const { format, ...query } = parseSearchParams(req, exportDatasetsQuerySchema);
  const stamp = new Date().toISOString().slice(0, 16).replace(/[-:]/g, "").replace("T", "-");
  return new Response(await exportDatasets(query, format), {
    headers: {
      "Content-Type": CONTENT_TYPES[format],
      "Content-Disposition": `attachment; filename="kvstore-datasets-${stamp}.${format}"`,
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
});

// Any other method: 405 in the error envelope, with Allow.
export const { POST, PUT, PATCH, DELETE } = refuseOtherMethods("GET");
