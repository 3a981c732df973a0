/** @jest-environment node */
// GET /api/health: alive, with the build's version and commit, in the declared shape.
import * as healthRoute from "@/app/api/health/route";
import { healthResponseSchema } from "@/lib/schemas/health";
import { openApiDocument } from "@/lib/openapi/document";
import { call } from "@/tests/helpers/http";
import packageJson from "@/package.json";

describe("GET /api/health", () => {
  it("reports ok, the package version and the build's commit, to anyone", async () => {
    const res = await call(healthRoute.GET, "GET", "/api/health");
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ status: "ok", version: packageJson.version, commit: expect.any(String) });
    // A short git hash from a build, or "unknown" (no git, or outside a Next build, as here).
    expect(res.json.commit).toMatch(/^(?:[0-9a-f]{7,40}|unknown)$/);
    expect(healthResponseSchema.strict().parse(res.json)).toEqual(res.json);
  });

  it("reports the commit next.config.js inlined at build time", async () => {
    const before = process.env.KVSTORE_COMMIT;
    process.env.KVSTORE_COMMIT = "abc1234";
    try {
      expect((await call(healthRoute.GET, "GET", "/api/health")).json.commit).toBe("abc1234");
    } finally {
      if (before === undefined) delete process.env.KVSTORE_COMMIT;
      else process.env.KVSTORE_COMMIT = before;
    }
  });

  it("is declared with its version and commit in the OpenAPI document", () => {
    const doc = openApiDocument() as any;
    const schema = doc.paths["/api/health"].get.responses["200"].content["application/json"].schema;
    expect(schema).toEqual({ $ref: "#/components/schemas/Health" });
    expect(doc.components.schemas.Health.required).toEqual(expect.arrayContaining(["status", "version", "commit"]));
  });
});
