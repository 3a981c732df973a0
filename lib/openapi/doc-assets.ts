// The files of the /api/docs reference page: Swagger UI's own, served from the
// swagger-ui-dist package in node_modules (no CDN), and our start-up script.
export const DOC_ASSETS = {
  "swagger-ui.css": { type: "text/css; charset=utf-8", from: "swagger-ui-dist" },
  "swagger-ui-bundle.js": { type: "text/javascript; charset=utf-8", from: "swagger-ui-dist" },
  "favicon-32x32.png": { type: "image/png", from: "swagger-ui-dist" },
  "favicon-16x16.png": { type: "image/png", from: "swagger-ui-dist" },
  "init.js": { type: "text/javascript; charset=utf-8", from: "app" },
  "docs.css": { type: "text/css; charset=utf-8", from: "app" },
} as const;

export type DocAsset = keyof typeof DOC_ASSETS;

export function isDocAsset(name: string): name is DocAsset {
  return Object.hasOwn(DOC_ASSETS, name);
}
