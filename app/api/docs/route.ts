import { withPublicApi } from "@/lib/api/with-api";
import { docsPageHtml, DOCS_CSP } from "@/lib/openapi/docs-page";
import { refuseOtherMethods } from "@/lib/api/method-not-allowed";

// GET /api/docs — the API reference page (Swagger UI from npm, served by us). Public,
// like the document it renders: it shows how the API works, not what is in it.
export const GET = withPublicApi(
  async () =>
    new Response(docsPageHtml(), {
      headers: { "Content-Type": "text/html; charset=utf-8", "Content-Security-Policy": DOCS_CSP, "X-Content-Type-Options": "nosniff" },
    }),
);

// Any other method: 405 in the error envelope, with Allow.
export const { POST, PUT, PATCH, DELETE } = refuseOtherMethods("GET");
