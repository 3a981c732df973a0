import { ApiError } from "@/lib/api/errors";
import { withApi } from "@/lib/api/with-api";
import { parseSearchParams } from "@/lib/api/parse";
import { isJsonType, mediaType, readBodyBytes } from "@/lib/api/read-json-body";
import { IMPORT_MAX_BYTES, importQuerySchema, type ImportFormat } from "@/lib/schemas/import";
import { decodeImportFile, parseImportFile } from "@/lib/import/parse-import-file";
import { importRequests } from "@/lib/data/requests/import-requests";
import { refuseOtherMethods } from "@/lib/api/method-not-allowed";

function formatOf(req: Request): ImportFormat {
  if (mediaType(req) === "text/csv") return "csv";
  if (isJsonType(req)) return "json";
  throw new ApiError("UNSUPPORTED_MEDIA_TYPE", "Send the file as the body, with Content-Type: text/csv or application/json.");
}

// POST /api/requests/import?mode=validate|all-or-nothing|valid-only — a CSV or JSON file
// of requests in UTF-8 (up to 5 MB: the one exception to the 64 KB body limit; other
// encodings are refused with 400, not read as replacement characters). Answers with a
// report per row; 201 when something was stored.
export const POST = withApi(async ({ req, user }) => {
  const { mode } = parseSearchParams(req, importQuerySchema);
  const format = formatOf(req);
  const rows = await parseImportFile(decodeImportFile(await readBodyBytes(req, IMPORT_MAX_BYTES)), format);
  const report = await importRequests(user, rows, mode, format);
  return Response.json(report, { status: report.imported > 0 ? 201 : 200 });
});

// Any other method: 405 in the error envelope, with Allow.
export const { GET, PUT, PATCH, DELETE } = refuseOtherMethods("POST");
