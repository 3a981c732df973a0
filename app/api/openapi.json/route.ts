import { withPublicApi } from "@/lib/api/with-api";
import { openApiDocument } from "@/lib/openapi/document";
import { refuseOtherMethods } from "@/lib/api/method-not-allowed";

// GET /api/openapi.json — the OpenAPI 3.1 document, generated from the routes' zod
// schemas. Public: it describes the API and holds no data (every data endpoint still
// needs a token or a session), and tools fetch it before they have either.
export const GET = withPublicApi(async () => Response.json(openApiDocument(), { headers: { "Cache-Control": "public, max-age=300" } }));

// Any other method: 405 in the error envelope, with Allow.
export const { POST, PUT, PATCH, DELETE } = refuseOtherMethods("GET");
