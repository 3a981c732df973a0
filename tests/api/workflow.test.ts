// Triage through the real route handlers: transitions, edits, history, versions,
// comments, assignment, the migration checklist, bulk moves and the event stream.
import * as requestsRoute from "@/app/api/requests/route";
import * as requestRoute from "@/app/api/requests/[number]/route";
import * as transitionsRoute from "@/app/api/requests/[number]/transitions/route";
import * as commentsRoute from "@/app/api/requests/[number]/comments/route";
import * as bulkRoute from "@/app/api/requests/bulk-transitions/route";
import * as bulkUpdatesRoute from "@/app/api/requests/bulk-updates/route";
import * as eventsRoute from "@/app/api/events/route";
import { db } from "@/lib/db";
import { call, signIn } from "@/tests/helpers/http";
import { createUser, TEST_PASSWORD, validRequestBody } from "@/tests/helpers/fixtures";
import type { CreateRequestInput, RequestDetail } from "@/lib/schemas/request";

let alice: string; // requester
let bob: string; // another requester
let admin: string;
let ops: string;

beforeAll(async () => {
  await createUser("alice", "REQUESTER", "payments");
  await createUser("bob", "REQUESTER", "search");
  await createUser("admin", "ADMIN", "storage");
  await createUser("ops", "ADMIN", "storage");
  alice = await signIn("alice@example.com", TEST_PASSWORD);
  bob = await signIn("bob@example.com", TEST_PASSWORD);
  admin = await signIn("admin@example.com", TEST_PASSWORD);
  ops = await signIn("ops@example.com", TEST_PASSWORD);
});
afterAll(() => db.$disconnect());

async function submit(overrides: Partial<CreateRequestInput> = {}, cookie = alice): Promise<RequestDetail> {
  const res = await call(requestsRoute.POST, "POST", "/api/requests", { cookie, body: validRequestBody(overrides) });
  expect(res.status).toBe(201);
  return res.json;
}

const move = (cookie: string, r: { number: string; version: number }, to: string, note?: string, version = r.version) =>
  call(transitionsRoute.POST, "POST", `/api/requests/${r.number}/transitions`, {
    cookie,
    params: { number: r.number },
    body: { to, ...(note !== undefined ? { note } : {}), version },
  });

const patch = (cookie: string, number: string, body: unknown, headers?: Record<string, string>) =>
  call(requestRoute.PATCH, "PATCH", `/api/requests/${number}`, { cookie, params: { number }, body, headers });

describe("the triage path", () => {
  it("assign, review, ask for info, requester edits, approve, provision, complete — all in the history", async () => {
    let r = await submit({ ownerTeam: "payments", readQps: 500 });

    let res = await patch(admin, r.number, { assigneeId: "ops", version: r.version });
    expect(res.status).toBe(200);
    r = res.json;
    expect(r.assignee).toMatchObject({ id: "ops" });

    res = await move(admin, r, "IN_REVIEW");
    expect(res.status).toBe(200);
    r = res.json;

    // Asking for information needs a note.
    res = await move(admin, r, "NEEDS_INFO");
    expect(res.status).toBe(400);
    expect(res.json.error.details).toEqual([{ path: "note", message: expect.stringMatching(/note is required/) }]);
    res = await move(admin, r, "NEEDS_INFO", "What is the peak read QPS during sales?");
    expect(res.status).toBe(200);
    r = res.json;
    expect(r.status).toBe("NEEDS_INFO");

    // The requester answers by editing: the request goes back to review.
    res = await patch(alice, r.number, { readQps: 4000, version: r.version });
    expect(res.status).toBe(200);
    r = res.json;
    expect(r.status).toBe("IN_REVIEW");
    expect(r.readQps).toBe(4000);

    for (const to of ["APPROVED", "PROVISIONING", "COMPLETED"]) {
      res = await move(admin, r, to);
      expect(res.status).toBe(200);
      r = res.json;
    }
    expect(r.completedAt).not.toBeNull();

    const history = r.history.map((e) => [e.kind, e.fromStatus, e.toStatus, e.field, e.oldValue, e.newValue, e.actor.id]);
    expect(history).toEqual([
      ["CREATED", null, "SUBMITTED", null, null, null, "alice"],
      ["ASSIGNEE", null, null, null, null, "User ops", "admin"],
      ["STATUS", "SUBMITTED", "IN_REVIEW", null, null, null, "admin"],
      ["STATUS", "IN_REVIEW", "NEEDS_INFO", null, null, null, "admin"],
      ["EDIT", null, null, "readQps", "500", "4000", "alice"],
      ["STATUS", "NEEDS_INFO", "IN_REVIEW", null, null, null, "alice"],
      ["STATUS", "IN_REVIEW", "APPROVED", null, null, null, "admin"],
      ["STATUS", "APPROVED", "PROVISIONING", null, null, null, "admin"],
      ["STATUS", "PROVISIONING", "COMPLETED", null, null, null, "admin"],
    ]);
    expect(r.history[3]?.note).toBe("What is the peak read QPS during sales?");
    // One version per write: create, assign, 3 moves, edit (with its resubmit), 3 moves.
    expect(r.version).toBe(8);

    // Nothing follows COMPLETED.
    res = await move(admin, r, "IN_REVIEW");
    expect(res.status).toBe(409);
    expect(res.json.error).toMatchObject({ code: "ILLEGAL_TRANSITION", details: [] });
  });

  it("answers an illegal step with 409 and the steps that are allowed", async () => {
    const r = await submit();
    const res = await move(admin, r, "COMPLETED");
    expect(res.status).toBe(409);
    expect(res.json.error.code).toBe("ILLEGAL_TRANSITION");
    expect(res.json.error.details.map((d: { message: string }) => d.message)).toEqual(["Allowed: IN_REVIEW", "Allowed: REJECTED", "Allowed: CANCELLED"]);
    // A requester sees only their own options.
    const own = await move(alice, r, "APPROVED");
    expect(own.status).toBe(409);
    expect(own.json.error.details).toEqual([{ path: "to", message: "Allowed: CANCELLED" }]);
  });

  it("resubmitting without edits moves NEEDS_INFO back to IN_REVIEW", async () => {
    let r = await submit();
    r = (await move(admin, r, "IN_REVIEW")).json;
    r = (await move(admin, r, "NEEDS_INFO", "Please add an example key")).json;
    const res = await move(alice, r, "IN_REVIEW");
    expect(res.status).toBe(200);
    expect(res.json.status).toBe("IN_REVIEW");
  });

  it("rejecting needs a note and gives the dataset name back", async () => {
    const r = await submit({ datasetName: "reusable_name" });
    expect((await move(admin, r, "REJECTED", "   ")).status).toBe(400);
    expect((await move(admin, r, "REJECTED", "Use the existing ledger dataset.")).status).toBe(200);
    const again = await submit({ datasetName: "reusable_name" }, bob);
    expect(again.datasetName).toBe("reusable_name");
  });

  it("the requester can cancel before provisioning, not after", async () => {
    let r = await submit();
    r = (await move(admin, r, "IN_REVIEW")).json;
    r = (await move(admin, r, "APPROVED")).json;
    const provisioning = (await move(admin, r, "PROVISIONING")).json;
    const res = await move(alice, provisioning, "CANCELLED");
    expect(res.status).toBe(409);
    const early = await submit();
    expect((await move(alice, early, "CANCELLED")).json.status).toBe("CANCELLED");
  });
});

describe("edits", () => {
  it("are refused once the request is in review, and record old and new values", async () => {
    const r = await submit({ ownerTeam: "payments", regions: ["us-east-1"] });
    const edited = await patch(alice, r.number, { ownerTeam: "payments-core", regions: ["us-east-1", "eu-west-1"], version: r.version });
    expect(edited.status).toBe(200);
    const edits = edited.json.history.filter((e: { kind: string }) => e.kind === "EDIT");
    expect(edits.map((e: { field: string; oldValue: string; newValue: string }) => [e.field, e.oldValue, e.newValue])).toEqual([
      ["ownerTeam", "payments", "payments-core"],
      ["regions", "us-east-1", "us-east-1, eu-west-1"],
    ]);

    const reviewed = (await move(admin, edited.json, "IN_REVIEW")).json;
    const res = await patch(alice, r.number, { ownerTeam: "again", version: reviewed.version });
    expect(res.status).toBe(409);
    expect(res.json.error.code).toBe("CONFLICT");
  });

  it("check cross-field rules on the merged request", async () => {
    const r = await submit({ requestType: "NEW" });
    const res = await patch(alice, r.number, { requestType: "MIGRATION", version: r.version });
    expect(res.status).toBe(400);
    expect(res.json.error.details).toEqual([{ path: "sourceSystem", message: expect.stringMatching(/^Source system is required for a migration/) }]);
  });

  it("need a version, from the body or If-Match, and refuse a stale one", async () => {
    const r = await submit();
    const missing = await patch(alice, r.number, { ownerTeam: "x-team" });
    expect(missing.status).toBe(400);
    expect(missing.json.error.details[0].path).toBe("version");

    const viaHeader = await patch(alice, r.number, { ownerTeam: "header-team" }, { "if-match": `"${r.version}"` });
    expect(viaHeader.status).toBe(200);

    const stale = await patch(alice, r.number, { ownerTeam: "stale-team", version: r.version });
    expect(stale.status).toBe(409);
    expect(stale.json.error.code).toBe("STALE_VERSION");
    expect((await db.datasetRequest.findUniqueOrThrow({ where: { number: Number(r.number.slice(3)) } })).ownerTeam).toBe("header-team");
  });

  it("only assign to the storage team", async () => {
    const r = await submit();
    const res = await patch(admin, r.number, { assigneeId: "bob", version: r.version });
    expect(res.status).toBe(400);
    expect(res.json.error.details[0].path).toBe("assigneeId");
  });
});

describe("two people acting at once", () => {
  it("two edits from the same version: exactly one wins", async () => {
    const r = await submit();
    const results = await Promise.all([
      patch(admin, r.number, { priority: "HIGH", version: r.version }),
      patch(ops, r.number, { priority: "LOW", version: r.version }),
    ]);
    expect(results.map((x) => x.status).sort()).toEqual([200, 409]);
    const stored = await db.datasetRequest.findUniqueOrThrow({ where: { number: Number(r.number.slice(3)) } });
    const winner = results.find((x) => x.status === 200)!.json;
    expect(stored.priority).toBe(winner.priority);
    expect(stored.version).toBe(r.version + 1);
    expect(await db.requestEvent.count({ where: { requestNumber: stored.number, kind: "PRIORITY" } })).toBe(1);
  });

  it("two transitions from the same version: exactly one wins", async () => {
    const r = await submit();
    const results = await Promise.all([move(admin, r, "IN_REVIEW"), move(ops, r, "REJECTED", "Duplicate of another dataset")]);
    expect(results.map((x) => x.status).sort()).toEqual([200, 409]);
    const stored = await db.datasetRequest.findUniqueOrThrow({ where: { number: Number(r.number.slice(3)) } });
    expect(await db.requestEvent.count({ where: { requestNumber: stored.number, kind: "STATUS" } })).toBe(1);
  });
});

describe("comments, checklist and bulk moves", () => {
  it("anyone signed in comments; comments come back in order", async () => {
    const r = await submit();
    for (const [cookie, body] of [
      [bob, "  Could this reuse search_index?  "],
      [alice, "No, different keys."],
    ] as const) {
      const res = await call(commentsRoute.POST, "POST", `/api/requests/${r.number}/comments`, { cookie, params: { number: r.number }, body: { body } });
      expect(res.status).toBe(201);
    }
    const empty = await call(commentsRoute.POST, "POST", `/api/requests/${r.number}/comments`, {
      cookie: bob,
      params: { number: r.number },
      body: { body: " " },
    });
    expect(empty.status).toBe(400);
    const read = await call(requestRoute.GET, "GET", `/api/requests/${r.number}`, { cookie: alice, params: { number: r.number } });
    expect(read.json.comments.map((c: { author: { id: string }; body: string }) => [c.author.id, c.body])).toEqual([
      ["bob", "Could this reuse search_index?"],
      ["alice", "No, different keys."],
    ]);
    expect(read.json.version).toBe(r.version);
  });

  it("admins tick a migration's checklist; the queue shows progress", async () => {
    const r = await submit({ requestType: "MIGRATION", sourceSystem: "HBASE", ownerTeam: "checklist-team" });
    const res = await patch(admin, r.number, { checklist: { DUAL_WRITES: true, BACKFILL: true }, version: r.version });
    expect(res.status).toBe(200);
    expect(res.json.checklist).toEqual(["DUAL_WRITES", "BACKFILL"]);
    const list = await call(requestsRoute.GET, "GET", "/api/requests?team=checklist-team", { cookie: bob });
    expect(list.json.items[0].checklistProgress).toEqual({ done: 2, total: 5 });

    const notMigration = await submit({ requestType: "NEW" });
    const bad = await patch(admin, notMigration.number, { checklist: { BACKFILL: true }, version: notMigration.version });
    expect(bad.status).toBe(400);
  });

  it("a migration completes only with its checklist done, or with an admin's override note in the history", async () => {
    let r = await submit({ requestType: "MIGRATION", sourceSystem: "REDIS", ownerTeam: "checklist-guard" });
    for (const to of ["IN_REVIEW", "APPROVED", "PROVISIONING"]) r = (await move(admin, r, to)).json;
    r = (await patch(admin, r.number, { checklist: { DUAL_WRITES: true, BACKFILL: true, VERIFICATION: true }, version: r.version })).json;

    let res = await move(admin, r, "COMPLETED");
    expect(res.status).toBe(409);
    expect(res.json.error).toMatchObject({
      code: "CHECKLIST_INCOMPLETE",
      message: expect.stringContaining("Cut-over, Legacy decommission"),
      details: [
        { path: "checklist.CUT_OVER", message: "Cut-over is not done" },
        { path: "checklist.LEGACY_DECOMMISSION", message: "Legacy decommission is not done" },
      ],
    });
    // In bulk too: the same rule, no override.
    const bulk = await call(bulkRoute.POST, "POST", "/api/requests/bulk-transitions", { cookie: admin, body: { numbers: [r.number], to: "COMPLETED" } });
    expect(bulk.json.results).toEqual([{ number: r.number, ok: false, error: { code: "CHECKLIST_INCOMPLETE", message: expect.stringContaining("Cut-over") } }]);
    const overrideInBulk = await call(bulkRoute.POST, "POST", "/api/requests/bulk-transitions", {
      cookie: admin,
      body: { numbers: [r.number], to: "COMPLETED", note: "x", override: true },
    });
    expect(overrideInBulk.status).toBe(400);

    // An override needs a note; nothing changed so far.
    res = await call(transitionsRoute.POST, "POST", `/api/requests/${r.number}/transitions`, {
      cookie: admin,
      params: { number: r.number },
      body: { to: "COMPLETED", override: true, version: r.version },
    });
    expect(res.status).toBe(400);
    expect(res.json.error.details).toEqual([{ path: "note", message: expect.stringMatching(/note is required.*Cut-over/) }]);
    const unchanged = await call(requestRoute.GET, "GET", `/api/requests/${r.number}`, { cookie: admin, params: { number: r.number } });
    expect(unchanged.json).toMatchObject({ status: "PROVISIONING", version: r.version });

    res = await call(transitionsRoute.POST, "POST", `/api/requests/${r.number}/transitions`, {
      cookie: admin,
      params: { number: r.number },
      body: { to: "COMPLETED", override: true, note: "Legacy cluster is owned by another team", version: r.version },
    });
    expect(res.status).toBe(200);
    expect(res.json.status).toBe("COMPLETED");
    expect(res.json.history.at(-1)).toMatchObject({
      kind: "STATUS",
      toStatus: "COMPLETED",
      actor: { id: "admin" },
      field: "checklistOverride",
      oldValue: "CUT_OVER,LEGACY_DECOMMISSION",
      note: "Checklist overridden with open steps (Cut-over, Legacy decommission): Legacy cluster is owned by another team",
    });
  });

  it("a migration with every step ticked completes without an override; other types have no checklist rule", async () => {
    let r = await submit({ requestType: "MIGRATION", sourceSystem: "HBASE" });
    for (const to of ["IN_REVIEW", "APPROVED", "PROVISIONING"]) r = (await move(admin, r, to)).json;
    const all = { DUAL_WRITES: true, BACKFILL: true, VERIFICATION: true, CUT_OVER: true, LEGACY_DECOMMISSION: true };
    r = (await patch(admin, r.number, { checklist: all, version: r.version })).json;
    const res = await move(admin, r, "COMPLETED");
    expect(res.status).toBe(200);
    expect(res.json.history.at(-1)).toMatchObject({ toStatus: "COMPLETED", field: null, note: null });

    let n = await submit({ requestType: "NEW" });
    for (const to of ["IN_REVIEW", "APPROVED", "PROVISIONING", "COMPLETED"]) {
      const step = await move(admin, n, to);
      expect(step.status).toBe(200);
      n = step.json;
    }
  });

  it("bulk updates assign and set priority, a result and a history event per request", async () => {
    const a = await submit();
    const b = await submit();
    const bulkUpdate = (cookie: string, body: unknown) => call(bulkUpdatesRoute.POST, "POST", "/api/requests/bulk-updates", { cookie, body });
    let res = await bulkUpdate(admin, { numbers: [a.number, b.number.slice(3), "KV-999999"], assigneeId: "ops", priority: "URGENT" });
    expect(res.status).toBe(200);
    expect(res.json.results).toEqual([
      { number: a.number, ok: true, assignee: expect.objectContaining({ id: "ops" }), priority: "URGENT" },
      { number: b.number, ok: true, assignee: expect.objectContaining({ id: "ops" }), priority: "URGENT" },
      { number: "KV-999999", ok: false, error: { code: "NOT_FOUND", message: expect.any(String) } },
    ]);
    const read = await call(requestRoute.GET, "GET", `/api/requests/${a.number}`, { cookie: admin, params: { number: a.number } });
    expect(read.json.history.slice(-2).map((e: { kind: string; newValue: string }) => [e.kind, e.newValue])).toEqual([
      ["PRIORITY", "URGENT"],
      ["ASSIGNEE", "User ops"],
    ]);
    // Unassign only; a requester cannot be the assignee; nothing to change is a 400; requesters are refused.
    res = await bulkUpdate(admin, { numbers: [a.number], assigneeId: null });
    expect(res.json.results).toEqual([{ number: a.number, ok: true, assignee: null, priority: "URGENT" }]);
    res = await bulkUpdate(admin, { numbers: [a.number], assigneeId: "alice" });
    expect(res.json.results[0]).toMatchObject({ ok: false, error: { code: "VALIDATION_FAILED" } });
    expect((await bulkUpdate(admin, { numbers: [a.number] })).status).toBe(400);
    expect((await bulkUpdate(admin, { numbers: [a.number], priority: "HIGH", to: "APPROVED" })).status).toBe(400);
    expect((await bulkUpdate(alice, { numbers: [a.number], priority: "LOW" })).status).toBe(403);
  });

  it("bulk moves report per request and apply the same rules", async () => {
    const a = await submit();
    const b = await submit();
    const done = (await move(alice, await submit(), "CANCELLED")).json;
    const res = await call(bulkRoute.POST, "POST", "/api/requests/bulk-transitions", {
      cookie: admin,
      body: { numbers: [a.number, b.number.slice(3), done.number], to: "IN_REVIEW" },
    });
    expect(res.status).toBe(200);
    expect(res.json.results).toEqual([
      { number: a.number, ok: true, status: "IN_REVIEW" },
      { number: b.number, ok: true, status: "IN_REVIEW" },
      { number: done.number, ok: false, error: { code: "ILLEGAL_TRANSITION", message: expect.any(String) } },
    ]);
    const rejectWithoutNote = await call(bulkRoute.POST, "POST", "/api/requests/bulk-transitions", {
      cookie: admin,
      body: { numbers: [a.number], to: "REJECTED" },
    });
    expect(rejectWithoutNote.json.results[0]).toMatchObject({ ok: false, error: { code: "VALIDATION_FAILED" } });
  });
});

it("streams a change event when a request moves", async () => {
  const r = await submit();
  const abort = new AbortController();
  const res = await eventsRoute.GET(new Request("http://localhost:3000/api/events", { headers: { cookie: bob }, signal: abort.signal }), {
    params: Promise.resolve({}),
  });
  expect(res.headers.get("content-type")).toMatch(/text\/event-stream/);
  const reader = res.body!.getReader();
  await move(admin, r, "IN_REVIEW");
  let text = "";
  while (!text.includes("request.changed")) {
    const { value, done } = await reader.read();
    if (done) break;
    text += new TextDecoder().decode(value);
  }
  abort.abort();
  await reader.cancel();
  const data = text.split("\n").find((l) => l.startsWith("data: "))!;
  expect(JSON.parse(data.slice(6))).toEqual({ type: "request.changed", number: r.number, version: r.version + 1 });
});
