/** @jest-environment node */
// The datasets API through its route handlers: the catalog (filters, sort, search,
// export), one dataset, and provisioned facts set by admins' tools with a token.
import { db } from "@/lib/db";
import * as listRoute from "@/app/api/datasets/route";
import * as exportRoute from "@/app/api/datasets/export/route";
import * as datasetRoute from "@/app/api/datasets/[datasetName]/route";
import * as requestsRoute from "@/app/api/requests/route";
import { call, signIn } from "@/tests/helpers/http";
import { createUser, TEST_PASSWORD, validRequestBody } from "@/tests/helpers/fixtures";
import { createDataset } from "@/tests/helpers/datasets";
import { createToken } from "@/lib/data/tokens/api-tokens";
import { toSessionUser, type SessionUser } from "@/lib/auth/roles";

let requester: SessionUser;
let admin: SessionUser;
let cookie: string;

beforeAll(async () => {
  requester = toSessionUser(await createUser("fay", "REQUESTER", "catalog"));
  admin = toSessionUser(await createUser("gus", "ADMIN", "storage"));
  cookie = await signIn("fay@example.com", TEST_PASSWORD);
  await createDataset(requester, admin, {
    datasetName: "cat_alpha",
    ownerTeam: "catalog",
    regions: ["eu-west-1"],
    dataClassification: "PII",
    estimatedSizeGb: 30,
  });
  await createDataset(requester, admin, { datasetName: "cat_beta", ownerTeam: "catalog", regions: ["us-east-1"], estimatedSizeGb: 10 });
  await createDataset(requester, admin, {
    datasetName: "cat_gamma",
    ownerTeam: "catalog",
    regions: ["us-east-1", "eu-west-1"],
    estimatedSizeGb: 20,
    useCase: "Zebra sightings by park for the rangers.",
  });
});
afterAll(() => db.$disconnect());

const names = (json: { items: { name: string }[] }) => json.items.map((i) => i.name);

it("lists the catalog sorted, filtered and searched on the server, with the queue's paging", async () => {
  const bySize = await call(listRoute.GET, "GET", "/api/datasets?team=catalog&sort=estimatedSizeGb&order=desc", { cookie });
  expect(bySize.status).toBe(200);
  expect(names(bySize.json)).toEqual(["cat_alpha", "cat_gamma", "cat_beta"]);
  expect(bySize.json).toMatchObject({ total: 3, page: 1, pageSize: 25 });
  expect(names((await call(listRoute.GET, "GET", "/api/datasets?team=catalog&region=eu-west-1", { cookie })).json)).toEqual(["cat_alpha", "cat_gamma"]);
  expect(names((await call(listRoute.GET, "GET", "/api/datasets?team=catalog&classification=PII", { cookie })).json)).toEqual(["cat_alpha"]);
  expect(names((await call(listRoute.GET, "GET", "/api/datasets?q=zebra", { cookie })).json)).toEqual(["cat_gamma"]);
  // Two characters: too short for the trigram index, searched row by row instead.
  expect(names((await call(listRoute.GET, "GET", "/api/datasets?team=catalog&q=ZE", { cookie })).json)).toEqual(["cat_gamma"]);
  const paged = await call(listRoute.GET, "GET", "/api/datasets?team=catalog&pageSize=2&page=2", { cookie });
  expect(names(paged.json)).toEqual(["cat_gamma"]);
  expect((await call(listRoute.GET, "GET", "/api/datasets?sort=colour", { cookie })).json).toMatchObject({
    error: { code: "VALIDATION_FAILED", details: [{ path: "sort" }] },
  });
});

it("filters by status: decommissioning while a DECOMMISSION request is open", async () => {
  const decommission = await call(requestsRoute.POST, "POST", "/api/requests", {
    cookie,
    body: validRequestBody({ datasetName: "cat_beta", requestType: "DECOMMISSION", ownerTeam: "catalog", regions: ["us-east-1"], estimatedSizeGb: 10 }),
  });
  expect(decommission.status).toBe(201);
  const byStatus = async (status: string) => names((await call(listRoute.GET, "GET", `/api/datasets?team=catalog&status=${status}`, { cookie })).json);
  expect(await byStatus("DECOMMISSIONING")).toEqual(["cat_beta"]);
  expect(await byStatus("LIVE")).toEqual(["cat_alpha", "cat_gamma"]);
  expect(await byStatus("DECOMMISSIONED")).toEqual([]);
  const all = (await call(listRoute.GET, "GET", "/api/datasets?team=catalog", { cookie })).json;
  expect(all.items.map((d: { status: string }) => d.status)).toEqual(["LIVE", "DECOMMISSIONING", "LIVE"]);
});

it("exports the catalog's view as CSV and JSON", async () => {
  const csv = await call(exportRoute.GET, "GET", "/api/datasets/export?format=csv&team=catalog&sort=name", { cookie });
  expect(csv.status).toBe(200);
  expect(csv.headers.get("content-disposition")).toMatch(/kvstore-datasets-.*\.csv/);
  const lines = (csv.json as string).trim().split("\n");
  expect(lines[0]).toBe("name,status,ownerTeam,regions,dataClassification,keyFormat,valueFormat,estimatedSizeGb,actualSizeGb,createdAt,updatedAt");
  expect(lines.slice(1).map((l) => l.split(",")[0])).toEqual(["cat_alpha", "cat_beta", "cat_gamma"]);
  expect(lines[3]).toContain("us-east-1;eu-west-1");
  const json = await call(exportRoute.GET, "GET", "/api/datasets/export?format=json&team=catalog&sort=name", { cookie });
  expect(json.json.map((d: { name: string }) => d.name)).toEqual(["cat_alpha", "cat_beta", "cat_gamma"]);
});

it("reads one dataset; a name that never was a dataset is 404", async () => {
  const found = await call(datasetRoute.GET, "GET", "/api/datasets/cat_alpha", { cookie, params: { datasetName: "cat_alpha" } });
  expect(found.json).toMatchObject({ name: "cat_alpha", status: "LIVE", regions: ["eu-west-1"], history: [{ field: "status", newValue: "LIVE" }] });
  const submitted = await call(requestsRoute.POST, "POST", "/api/requests", { cookie, body: validRequestBody({ datasetName: "only_a_request" }) });
  expect(submitted.status).toBe(201);
  for (const name of ["only_a_request", "no_such_dataset", "Bad Name"]) {
    expect((await call(datasetRoute.GET, "GET", `/api/datasets/${encodeURIComponent(name)}`, { cookie, params: { datasetName: name } })).status).toBe(404);
  }
});

it("tooling sets the endpoint with an admin's token; requesters' and read-only tokens are refused", async () => {
  const params = { datasetName: "cat_beta" };
  const adminToken = (await createToken(admin, { name: "provisioner" })).token;
  const readOnly = (await createToken(admin, { name: "reader", readOnly: true })).token;
  const requesterToken = (await createToken(requester, { name: "mine" })).token;
  const body = { endpoint: "kv-use1-7.internal:7000", cluster: "kv-use1-7", provisionedAt: "2026-11-30T10:00:00Z" };
  expect((await call(datasetRoute.PATCH, "PATCH", "/api/datasets/cat_beta", { token: requesterToken, params, body })).status).toBe(403);
  expect((await call(datasetRoute.PATCH, "PATCH", "/api/datasets/cat_beta", { token: readOnly, params, body })).status).toBe(403);
  const ok = await call(datasetRoute.PATCH, "PATCH", "/api/datasets/cat_beta", { token: adminToken, params, body });
  expect(ok.status).toBe(200);
  expect(ok.json).toMatchObject({ endpoint: "kv-use1-7.internal:7000", cluster: "kv-use1-7", provisionedAt: "2026-11-30T10:00:00.000Z" });
  expect(
    ok.json.history
      .slice(0, 3)
      .map((h: { field: string; newValue: string; request: null; actor: { id: string } }) => [h.field, h.newValue, h.request, h.actor.id]),
  ).toEqual(
    expect.arrayContaining([
      ["endpoint", "kv-use1-7.internal:7000", null, admin.id],
      ["cluster", "kv-use1-7", null, admin.id],
    ]),
  );
  const bad = await call(datasetRoute.PATCH, "PATCH", "/api/datasets/cat_beta", {
    token: adminToken,
    params,
    body: { runbookUrl: "javascript:alert(1)", colour: "red" },
  });
  expect(bad.status).toBe(400);
  expect(bad.json.error.details.map((d: { path: string }) => d.path).sort()).toEqual(["colour", "runbookUrl"]);
  expect((await call(datasetRoute.PATCH, "PATCH", "/api/datasets/nope_x", { token: adminToken, params: { datasetName: "nope_x" }, body })).status).toBe(404);
});
