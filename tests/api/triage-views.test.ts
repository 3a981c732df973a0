// The queue's presets and their counts, the stale filter and the time-in-status sort,
// through the real route handlers.
import * as requestsRoute from "@/app/api/requests/route";
import * as countsRoute from "@/app/api/requests/counts/route";
import * as transitionsRoute from "@/app/api/requests/[number]/transitions/route";
import * as requestRoute from "@/app/api/requests/[number]/route";
import { db } from "@/lib/db";
import { PRESET_IDS, presetView } from "@/lib/domain/requests/presets";
import { LIST_QUERY_DEFAULTS, listQueryToSearchParams } from "@/lib/schemas/list-params";
import type { RequestDetail } from "@/lib/schemas/request";
import { call, signIn } from "@/tests/helpers/http";
import { createUser, TEST_PASSWORD, validRequestBody } from "@/tests/helpers/fixtures";

let alice: string;
let admin: string;
let inReview: RequestDetail;
let needsInfo: RequestDetail;
let old: RequestDetail;

beforeAll(async () => {
  await createUser("alice", "REQUESTER", "payments");
  await createUser("admin", "ADMIN", "storage");
  alice = await signIn("alice@example.com", TEST_PASSWORD);
  admin = await signIn("admin@example.com", TEST_PASSWORD);
  const submit = async () => (await call(requestsRoute.POST, "POST", "/api/requests", { cookie: alice, body: validRequestBody() })).json as RequestDetail;
  const patch = async (r: RequestDetail, body: object) =>
    (
      await call(requestRoute.PATCH, "PATCH", `/api/requests/${r.number}`, {
        cookie: admin,
        params: { number: r.number },
        body: { ...body, version: r.version },
      })
    ).json as RequestDetail;
  const move = async (r: RequestDetail, to: string, note?: string) =>
    (
      await call(transitionsRoute.POST, "POST", `/api/requests/${r.number}/transitions`, {
        cookie: admin,
        params: { number: r.number },
        body: { to, note, version: r.version },
      })
    ).json as RequestDetail;
  inReview = await move(await patch(await submit(), { assigneeId: "admin" }), "IN_REVIEW");
  needsInfo = await move(await move(await patch(await submit(), { assigneeId: "admin" }), "IN_REVIEW"), "NEEDS_INFO", "Which regions first?");
  old = await submit();
  // Submitted three days ago: past the two days a request may wait to be picked up.
  await db.datasetRequest.update({ where: { number: Number(old.number.slice(3)) }, data: { statusChangedAt: new Date(Date.now() - 3 * 86_400_000) } });
});
afterAll(() => db.$disconnect());

const counts = async (cookie: string) => {
  const res = await call(countsRoute.GET, "GET", "/api/requests/counts", { cookie });
  expect(res.status).toBe(200);
  return res.json;
};
const list = (cookie: string, query: string) => call(requestsRoute.GET, "GET", `/api/requests?${query}`, { cookie });

describe("GET /api/requests/counts", () => {
  it("counts each preset for an admin", async () => {
    expect(await counts(admin)).toEqual({ waitingOnMe: 1, unassigned: 1, stale: 1, mine: 2 });
  });

  it("counts each preset for a requester: waiting on me is their requests in Needs info", async () => {
    expect(await counts(alice)).toEqual({ waitingOnMe: 1, unassigned: 1, stale: 1, mine: 3 });
  });

  it("says what each preset's view lists, request for request", async () => {
    for (const [cookie, role] of [
      [admin, "ADMIN"],
      [alice, "REQUESTER"],
    ] as const) {
      const all = await counts(cookie);
      for (const id of PRESET_IDS) {
        const res = await list(cookie, listQueryToSearchParams({ ...LIST_QUERY_DEFAULTS, ...presetView(id, role) }).toString());
        expect([id, res.json.total]).toEqual([id, all[id]]);
      }
    }
    const waiting = await list(alice, listQueryToSearchParams(presetView("waitingOnMe", "REQUESTER")).toString());
    expect(waiting.json.items.map((r: RequestDetail) => r.number)).toEqual([needsInfo.number]);
    const mine = await list(admin, listQueryToSearchParams(presetView("waitingOnMe", "ADMIN")).toString());
    expect(mine.json.items.map((r: RequestDetail) => r.number)).toEqual([inReview.number]);
  });

  it("takes no parameters", async () => {
    const res = await call(countsRoute.GET, "GET", "/api/requests/counts?x=1", { cookie: admin });
    expect(res.status).toBe(400);
  });
});

describe("stale filter and time-in-status sort", () => {
  it("stale=true lists the requests past their status's threshold; other values are refused", async () => {
    const res = await list(admin, "requester=all&stale=true");
    expect(res.json.items.map((r: RequestDetail) => r.number)).toEqual([old.number]);
    expect((await list(admin, "requester=all&stale=true&status=IN_REVIEW")).json.total).toBe(0);
    expect((await list(admin, "stale=false")).status).toBe(400);
  });

  it("sorts by time in status: the longest waiting first ascending", async () => {
    const asc = await list(admin, "requester=all&sort=statusChangedAt&order=asc");
    expect(asc.status).toBe(200);
    expect(asc.json.items[0].number).toBe(old.number);
    const at = asc.json.items.map((r: RequestDetail) => r.statusChangedAt);
    expect([...at].sort()).toEqual(at);
    const desc = await list(admin, "requester=all&sort=statusChangedAt&order=desc");
    expect(desc.json.items.at(-1).number).toBe(old.number);
  });
});
