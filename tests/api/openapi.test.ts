// The OpenAPI document covers every route under app/api (read from the file system),
// is valid OpenAPI 3.1, and its reference page works with no internet.
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import * as openapiRoute from "@/app/api/openapi.json/route";
import * as docsRoute from "@/app/api/docs/route";
import * as docAssetRoute from "@/app/api/docs/[asset]/route";
import { openApiDocument } from "@/lib/openapi/document";
import { DOC_ASSETS } from "@/lib/openapi/doc-assets";
import { call } from "@/tests/helpers/http";
import { TEST_TMP_DIR } from "@/tests/setup/paths";

const ROOT = path.join(__dirname, "..", "..");
const API_DIR = path.join(ROOT, "app", "api");
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;

/** Routes whose handlers are not ours to describe in full, with the reason. */
const NOT_DOCUMENTED: Record<string, string> = {
  // better-auth's catch-all serves dozens of endpoints (session, password, OAuth
  // callbacks...); the document describes the two tools and people use: sign-in and
  // sign-out (checked below).
  "/api/auth/{...all}": "better-auth's own endpoints",
};

/** Every route.ts under app/api: its OpenAPI path and the HTTP methods it exports. */
function routeFiles(): { path: string; methods: string[]; file: string }[] {
  const found: { path: string; methods: string[]; file: string }[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/^route\.(ts|tsx|js)$/.test(entry.name)) {
        // Methods a route refuses (refuseOtherMethods: a 405 in the envelope) are not endpoints.
        const source = readFileSync(full, "utf8").replace(/^export const \{[^}]*\} = refuseOtherMethods\(.*$/m, "");
        const methods = METHODS.filter((m) =>
          new RegExp(`export\\s+(?:const|async\\s+function|function)\\s+${m}\\b|export\\s+const\\s*\\{[^}]*\\b${m}\\b[^}]*\\}`).test(source),
        );
        const segments = path
          .relative(path.join(ROOT, "app"), path.dirname(full))
          .split(path.sep)
          .filter((s) => !/^\(.*\)$/.test(s)) // route groups are not in the URL
          .map((s) => s.replace(/^\[(\.\.\.)?(.+)\]$/, (_, dots, name) => `{${dots ?? ""}${name}}`));
        found.push({ path: `/${segments.join("/")}`, methods, file: path.relative(ROOT, full) });
      }
    }
  };
  walk(API_DIR);
  return found;
}

const doc = openApiDocument() as any;

describe("the OpenAPI document", () => {
  it("describes every route under app/api, method by method", () => {
    const routes = routeFiles();
    expect(routes.length).toBeGreaterThan(5);
    const missing: string[] = [];
    for (const route of routes) {
      expect(route.methods.length).toBeGreaterThan(0);
      if (NOT_DOCUMENTED[route.path]) continue;
      for (const method of route.methods) {
        if (!doc.paths[route.path]?.[method.toLowerCase()]) missing.push(`${method} ${route.path} (${route.file})`);
      }
    }
    expect(missing).toEqual([]);
  });

  it("describes only endpoints that exist (or are agreed and being built)", () => {
    const routed = new Set(routeFiles().flatMap((r) => r.methods.map((m) => `${m} ${r.path}`)));
    const documented = Object.entries(doc.paths).flatMap(([p, ops]) => Object.keys(ops as object).map((m) => `${m.toUpperCase()} ${p}`));
    const auth = (op: string) => op.includes(" /api/auth/") && routed.has(`${op.split(" ")[0]} /api/auth/{...all}`);
    expect(documented.filter((op) => !routed.has(op) && !auth(op))).toEqual([]);
    expect(documented).toEqual(expect.arrayContaining(["POST /api/auth/sign-in/email", "POST /api/auth/sign-out"]));
  });

  it("is valid OpenAPI 3.1 (checked against the official schema)", () => {
    expect(doc.openapi).toBe("3.1.0");
    const file = path.join(TEST_TMP_DIR, "openapi.json");
    writeFileSync(file, JSON.stringify(doc));
    const out = execFileSync("node", [path.join(ROOT, "scripts", "validate-openapi.mjs"), file], { encoding: "utf8" });
    expect(out).toContain("valid OpenAPI 3.1.0");
  });

  it("gives every operation an id, a success response and the error envelope for its errors", () => {
    for (const [p, ops] of Object.entries(doc.paths) as [string, Record<string, any>][]) {
      for (const [method, op] of Object.entries(ops)) {
        const where = `${method.toUpperCase()} ${p}`;
        expect([where, typeof op.operationId]).toEqual([where, "string"]);
        const statuses = Object.keys(op.responses);
        expect([where, statuses.some((s) => s.startsWith("2"))]).toEqual([where, true]);
        expect([where, statuses]).toEqual([where, expect.arrayContaining(["500"])]);
        // Signed in as a user (token or session): 401 and the rate limit. /api/metrics takes the
        // monitoring system's METRICS_TOKEN instead: 401, no per-user rate limit.
        const signedIn = op.security.some((s: Record<string, unknown>) => "bearerToken" in s || "sessionCookie" in s);
        if (signedIn) expect([where, statuses]).toEqual([where, expect.arrayContaining(["401", "429"])]);
        else if (op.security.length > 0) expect([where, statuses]).toEqual([where, expect.arrayContaining(["401"])]);
        if (op.requestBody?.content?.["application/json"] && !p.startsWith("/api/auth/"))
          expect([where, statuses]).toEqual([where, expect.arrayContaining(["400", "413", "415"])]);
        if (op.parameters?.some((x: any) => x.in === "query")) expect([where, statuses]).toEqual([where, expect.arrayContaining(["400"])]);
      }
    }
    // Generic errors are shared components that all point at the one error shape.
    expect(doc.components.responses.Unauthenticated.content["application/json"].schema).toEqual({ $ref: "#/components/schemas/Error" });
    expect(doc.components.responses.RateLimited.headers["Retry-After"]).toBeDefined();
    expect(doc.components.schemas.Error.properties.error.properties.details.items.required).toEqual(["path", "message"]);
  });

  it("documents request bodies as the server reads them, from the same zod schemas", () => {
    const create = doc.components.schemas.CreateRequest;
    expect(create.additionalProperties).toBe(false);
    expect(create.properties.datasetName.pattern).toBe("^[a-z][a-z0-9_]{2,62}$");
    expect(create.required).toEqual(expect.arrayContaining(["datasetName", "ownerTeam", "regions"]));
    const list = doc.paths["/api/requests"].get.parameters;
    expect(list.find((p: any) => p.name === "status").schema).toMatchObject({ type: "array" });
    expect(list.map((p: any) => p.name)).toEqual([
      "sort",
      "order",
      "status",
      "type",
      "team",
      "assignee",
      "requester",
      "priority",
      "stale",
      "q",
      "page",
      "pageSize",
      "after",
    ]);
    expect(list.find((p: any) => p.name === "after").schema).toMatchObject({ type: "string" });
    expect(doc.paths["/api/tokens"].post.security).toEqual([{ sessionCookie: [] }]);
    expect(doc.paths["/api/health"].get.security).toEqual([]);
  });
});

describe("GET /api/openapi.json", () => {
  it("serves the document to anyone", async () => {
    const res = await call(openapiRoute.GET, "GET", "/api/openapi.json");
    expect(res.status).toBe(200);
    expect(res.json.openapi).toBe("3.1.0");
    expect(Object.keys(res.json.paths)).toEqual(Object.keys(doc.paths));
  });
});

describe("GET /api/docs", () => {
  it("serves an HTML page whose scripts and styles all come from this server", async () => {
    const res = await call(docsRoute.GET, "GET", "/api/docs");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(res.headers.get("content-security-policy")).toContain("script-src 'self'");
    const html = res.json as string;
    const urls = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
    expect(urls.length).toBeGreaterThan(3);
    expect(urls.filter((u) => !u.startsWith("/"))).toEqual([]);
    expect(html).not.toMatch(/<script>(?!<\/script>)/);
  });

  it.each(Object.entries(DOC_ASSETS))("serves %s from the installed packages", async (name, { type }) => {
    const res = await docAssetRoute.GET(new Request(`http://localhost/api/docs/${name}`), { params: Promise.resolve({ asset: name }) });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe(type);
    expect((await res.arrayBuffer()).byteLength).toBeGreaterThan(100);
  });

  it("serves nothing else (no path tricks)", async () => {
    for (const asset of ["package.json", "../../.env", "index.html"]) {
      const res = await call(docAssetRoute.GET, "GET", `/api/docs/${encodeURIComponent(asset)}`, { params: { asset } });
      expect(res.status).toBe(404);
      expect(res.json.error.code).toBe("NOT_FOUND");
    }
  });
});
