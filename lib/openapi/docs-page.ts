// The /api/docs page and its files. Swagger UI's files are read from the
// swagger-ui-dist package in node_modules (the server runs from the project root),
// ours from lib/openapi/assets; nothing is fetched from a CDN.
import "server-only";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { DOC_ASSETS, type DocAsset } from "@/lib/openapi/doc-assets";

const SWAGGER_UI_VERSION = "5.35.0";

const cache = new Map<DocAsset, Buffer>();

export async function readDocAsset(name: DocAsset): Promise<Buffer> {
  let data = cache.get(name);
  if (!data) {
    // Two fixed folders, written out so the build traces only them.
    const file =
      DOC_ASSETS[name].from === "swagger-ui-dist"
        ? path.join(process.cwd(), "node_modules", "swagger-ui-dist", name)
        : path.join(process.cwd(), "lib", "openapi", "assets", name);
    data = await readFile(file);
    cache.set(name, data);
  }
  return data;
}

const asset = (name: DocAsset) => `/api/docs/${name}?v=${SWAGGER_UI_VERSION}`;

export function docsPageHtml(): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>API reference · KVStore App</title>
<link rel="stylesheet" href="${asset("swagger-ui.css")}">
<link rel="stylesheet" href="${asset("docs.css")}">
<link rel="icon" type="image/png" href="${asset("favicon-32x32.png")}" sizes="32x32">
<link rel="icon" type="image/png" href="${asset("favicon-16x16.png")}" sizes="16x16">
</head>
<body>
<header class="kv-header">
<strong>KVStore App API</strong>
<span class="kv-spacer"></span>
<a href="/requests">Back to the app</a>
<a href="/settings/tokens">API tokens</a>
<a href="/api/openapi.json">openapi.json</a>
</header>
<main id="swagger-ui"><noscript>This page needs JavaScript. The document itself is at <a href="/api/openapi.json">/api/openapi.json</a>.</noscript></main>
<script src="${asset("swagger-ui-bundle.js")}"></script>
<script src="${asset("init.js")}"></script>
</body>
</html>
`;
}

/** Everything the page loads comes from this site. Swagger UI sets inline styles and shows data: images. */
export const DOCS_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "font-src 'self' data:",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join("; ");
