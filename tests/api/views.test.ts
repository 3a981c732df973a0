// Saved queue views through the real route handlers and a real SQLite database: a
// person's own, named uniquely, read by the queue's own query schema and stored
// normalized, capped, and deleted only by their owner.
import * as viewsRoute from "@/app/api/views/route";
import * as viewRoute from "@/app/api/views/[id]/route";
import * as requestsRoute from "@/app/api/requests/route";
import { db } from "@/lib/db";
import { createToken } from "@/lib/data/tokens/api-tokens";
import { toSessionUser } from "@/lib/auth/roles";
import { MAX_SAVED_VIEWS } from "@/lib/schemas/view";
import { call, signIn } from "@/tests/helpers/http";
import { createUser, TEST_PASSWORD, validRequestBody } from "@/tests/helpers/fixtures";

let fay: string;
let gus: string;

beforeAll(async () => {
  await createUser("fay", "REQUESTER", "maps");
  await createUser("gus", "ADMIN", "storage");
  fay = await signIn("fay@example.com", TEST_PASSWORD);
  gus = await signIn("gus@example.com", TEST_PASSWORD);
  for (const ownerTeam of ["maps", "maps", "search"])
    await call(requestsRoute.POST, "POST", "/api/requests", { cookie: fay, body: validRequestBody({ ownerTeam }) });
});
afterAll(() => db.$disconnect());

const save = (cookie: string, body: unknown) => call(viewsRoute.POST, "POST", "/api/views", { cookie, body });
const list = async (cookie: string) => {
  const res = await call(viewsRoute.GET, "GET", "/api/views", { cookie });
  expect(res.status).toBe(200);
  return res.json.items as { id: string; name: string; query: string; createdAt: string }[];
};
const remove = (cookie: string, id: string) => call(viewRoute.DELETE, "DELETE", `/api/views/${id}`, { cookie, params: { id } });

it("saves a view under a name, stored as the queue writes its URL, and lists the caller's views by name", async () => {
  const res = await save(fay, {
    name: "  Maps, oldest first  ",
    query: "?team=maps&page=3&status=IN_REVIEW&status=SUBMITTED&sort=createdAt&order=asc&pageSize=25",
  });
  expect(res.status).toBe(201);
  // Trimmed name; defaults and the page left out, statuses in the workflow's order, requester written.
  expect(res.json).toEqual({
    id: expect.any(String),
    name: "Maps, oldest first",
    query: "sort=createdAt&order=asc&status=SUBMITTED&status=IN_REVIEW&team=maps&requester=all",
    createdAt: expect.any(String),
  });
  expect((await save(fay, { name: "a stale look", query: "requester=all&stale=true" })).status).toBe(201);
  expect((await list(fay)).map((v) => v.name)).toEqual(["a stale look", "Maps, oldest first"]);
  // Nobody else sees them.
  expect(await list(gus)).toEqual([]);
});

it("stores a view that lists exactly what its query string lists", async () => {
  const query = "team=maps&sort=datasetName";
  const saved = (await save(fay, { name: "Maps by name", query })).json;
  const direct = await call(requestsRoute.GET, "GET", `/api/requests?${query}`, { cookie: fay });
  const viaView = await call(requestsRoute.GET, "GET", `/api/requests?${saved.query}`, { cookie: fay });
  expect(viaView.json.total).toBe(2);
  expect(viaView.json).toEqual(direct.json);
});

it("refuses a name the caller already uses, in any case, with a 409 naming the field", async () => {
  expect((await save(gus, { name: "Urgent", query: "priority=URGENT" })).status).toBe(201);
  const again = await save(gus, { name: "urgent", query: "priority=HIGH" });
  expect(again.status).toBe(409);
  expect(again.json).toEqual({
    error: {
      code: "CONFLICT",
      message: 'You already have a view named "Urgent": choose another name.',
      details: [{ path: "name", message: 'You already have a view named "Urgent"' }],
    },
  });
  // Someone else may use the name.
  expect((await save(fay, { name: "Urgent", query: "priority=URGENT" })).status).toBe(201);
});

it("refuses a query the queue would refuse, with the queue's own messages under query.<param>", async () => {
  for (const query of [
    "sort=bogus",
    "status=SUBMITTED&status=NOPE",
    "pageSize=500",
    "stale=yes",
    "color=blue",
    "page=0",
    `q=${"x".repeat(201)}`,
    "team=a%00b",
  ]) {
    const queue = await call(requestsRoute.GET, "GET", `/api/requests?${query}`, { cookie: fay });
    expect({ query, status: queue.status }).toEqual({ query, status: 400 });
    const res = await save(fay, { name: `Bad ${query}`.slice(0, 60), query });
    expect({ query, status: res.status, code: res.json.error.code }).toEqual({ query, status: 400, code: "VALIDATION_FAILED" });
    const queueDetails = (queue.json.error.details as { path: string; message: string }[]).map((d) => ({
      path: `query.${d.path}`,
      message: d.message.startsWith("Unknown field") ? `The queue has no filter "${d.path}"` : d.message,
    }));
    expect(res.json.error.details).toEqual(queueDetails);
  }
  const tooMany = await save(fay, { name: "Too many", query: Array.from({ length: 31 }, () => "status=SUBMITTED").join("&") });
  expect(tooMany.status).toBe(400);
  expect(tooMany.json.error.details).toEqual([{ path: "query", message: "Query has too many parameters: at most 30" }]);
  for (const body of [{ name: "", query: "" }, { name: "x" }, { query: "stale=true" }, { name: "x", query: "", extra: 1 }, { name: "a\u0000b", query: "" }]) {
    expect((await save(fay, body)).status).toBe(400);
  }
  expect((await list(fay)).some((v) => v.name.startsWith("Bad"))).toBe(false);
});

it("keeps at most MAX_SAVED_VIEWS views a person", async () => {
  await createUser("hal", "REQUESTER", "maps");
  const hal = await signIn("hal@example.com", TEST_PASSWORD);
  await db.savedView.createMany({
    data: Array.from({ length: MAX_SAVED_VIEWS }, (_, i) => ({
      id: `hal-${i}`,
      userId: "hal",
      name: `View ${i}`,
      nameKey: `view ${i}`,
      query: "requester=me",
    })),
  });
  const res = await save(hal, { name: "One more", query: "requester=me" });
  expect(res.status).toBe(409);
  expect(res.json.error.message).toBe(`You have ${MAX_SAVED_VIEWS} saved views, the most one person may keep: delete one you no longer use first.`);
  expect(await db.savedView.count({ where: { userId: "hal" } })).toBe(MAX_SAVED_VIEWS);
  expect((await remove(hal, "hal-0")).status).toBe(204);
  expect((await save(hal, { name: "One more", query: "requester=me" })).status).toBe(201);
});

it("deletes only the caller's own view: someone else's answers 404 and stays", async () => {
  const view = (await save(fay, { name: "Mine to delete", query: "requester=me" })).json;
  const other = await remove(gus, view.id);
  expect(other.status).toBe(404);
  expect(other.json.error.code).toBe("NOT_FOUND");
  expect(await db.savedView.count({ where: { id: view.id } })).toBe(1);
  expect((await remove(fay, view.id)).status).toBe(204);
  expect((await list(fay)).some((v) => v.id === view.id)).toBe(false);
  expect((await remove(fay, view.id)).status).toBe(404);
});

it("works with API tokens; a read-only token lists but cannot save", async () => {
  const user = toSessionUser(await db.user.findUniqueOrThrow({ where: { id: "gus" } }));
  const readWrite = await createToken(user, { name: "views rw" });
  const readOnly = await createToken(user, { name: "views ro", readOnly: true });
  const saved = await call(viewsRoute.POST, "POST", "/api/views", { token: readWrite.token, body: { name: "From a script", query: "assignee=unassigned" } });
  expect(saved.status).toBe(201);
  const listed = await call(viewsRoute.GET, "GET", "/api/views", { token: readOnly.token });
  expect(listed.json.items.map((v: { name: string }) => v.name)).toContain("From a script");
  const refused = await call(viewsRoute.POST, "POST", "/api/views", { token: readOnly.token, body: { name: "Read-only", query: "" } });
  expect(refused.status).toBe(403);
  expect(await db.savedView.count({ where: { userId: "gus", name: "Read-only" } })).toBe(0);
});
