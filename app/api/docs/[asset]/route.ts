import { ApiError } from "@/lib/api/errors";
import { withPublicApi } from "@/lib/api/with-api";
import { DOC_ASSETS, isDocAsset } from "@/lib/openapi/doc-assets";
import { readDocAsset } from "@/lib/openapi/docs-page";
import { refuseOtherMethods } from "@/lib/api/method-not-allowed";

// GET /api/docs/{asset} — the reference page's scripts, styles and icons, from a fixed list.
export const GET = withPublicApi<{ asset: string }>(async (_req, { asset }) => {
  if (!isDocAsset(asset)) throw ApiError.notFound(`The file ${asset}`);
  return new Response(new Uint8Array(await readDocAsset(asset)), {
    headers: {
      "Content-Type": DOC_ASSETS[asset].type,
      // The URLs carry the Swagger UI version, so browsers may keep them a day.
      "Cache-Control": "public, max-age=86400",
      "X-Content-Type-Options": "nosniff",
    },
  });
});

// Any other method: 405 in the error envelope, with Allow.
export const { POST, PUT, PATCH, DELETE } = refuseOtherMethods("GET");
