/** @jest-environment node */
// Comments after posting: their author may edit or delete them for 15 minutes (nobody
// else, admins included), the request's history says so, and a deleted comment keeps
// its place without its words. The clock is moved by dating comments back in the
// database, not by waiting. Links in comments: commentPieces, the text → nodes function.
import * as requestsRoute from "@/app/api/requests/route";
import * as requestRoute from "@/app/api/requests/[number]/route";
import * as commentsRoute from "@/app/api/requests/[number]/comments/route";
import * as commentRoute from "@/app/api/requests/[number]/comments/[id]/route";
import { db } from "@/lib/db";
import { commentPieces } from "@/lib/domain/requests/comment-text";
import { call, signIn } from "@/tests/helpers/http";
import { createUser, TEST_PASSWORD, validRequestBody } from "@/tests/helpers/fixtures";
import type { CommentDto, RequestDetail } from "@/lib/schemas/request";

let alice: string;
let bob: string;
let admin: string;
let request: RequestDetail;

beforeAll(async () => {
  await createUser("alice", "REQUESTER", "payments");
  await createUser("bob", "REQUESTER", "search");
  await createUser("admin", "ADMIN", "storage");
  alice = await signIn("alice@example.com", TEST_PASSWORD);
  bob = await signIn("bob@example.com", TEST_PASSWORD);
  admin = await signIn("admin@example.com", TEST_PASSWORD);
  const res = await call(requestsRoute.POST, "POST", "/api/requests", { cookie: alice, body: validRequestBody({ datasetName: "comment_rules_test" }) });
  expect(res.status).toBe(201);
  request = res.json;
});
afterAll(() => db.$disconnect());

async function comment(cookie: string, body: string): Promise<CommentDto> {
  const res = await call(commentsRoute.POST, "POST", `/api/requests/${request.number}/comments`, {
    cookie,
    params: { number: request.number },
    body: { body },
  });
  expect(res.status).toBe(201);
  return res.json;
}
const edit = (cookie: string, id: number | string, body: unknown, number = request.number) =>
  call(commentRoute.PATCH, "PATCH", `/api/requests/${number}/comments/${id}`, { cookie, params: { number, id: String(id) }, body });
const remove = (cookie: string, id: number | string, number = request.number) =>
  call(commentRoute.DELETE, "DELETE", `/api/requests/${number}/comments/${id}`, { cookie, params: { number, id: String(id) } });
const read = async (): Promise<RequestDetail> =>
  (await call(requestRoute.GET, "GET", `/api/requests/${request.number}`, { cookie: bob, params: { number: request.number } })).json;
/** Dates a comment back, as if it had been posted that many minutes ago. */
const age = (id: number, minutes: number) => db.comment.update({ where: { id }, data: { createdAt: new Date(Date.now() - minutes * 60_000) } });

describe("mentions", () => {
  it("@name makes exactly the active person of that email's local part a watcher, in any case, and names them in the event", async () => {
    await createUser("m_ia", "REQUESTER");
    await createUser("mxia", "REQUESTER"); // "_" is a LIKE wildcard: m_ia must not find mxia
    await createUser("gone", "REQUESTER");
    await db.user.update({ where: { id: "gone" }, data: { active: false } });
    const made = await comment(bob, "@M_IA and @gone and @nobody, please look");
    const number = Number(request.number.slice(3));
    const watchers = await db.requestWatch.findMany({ where: { requestNumber: number, watching: true }, select: { userId: true } });
    expect(watchers.map((w) => w.userId)).toContain("m_ia");
    expect(watchers.map((w) => w.userId)).not.toContain("mxia");
    expect(watchers.map((w) => w.userId)).not.toContain("gone");
    const events = await db.outboxItem.findMany({ where: { requestNumber: number, channel: "event" }, select: { payload: true } });
    const commented = events.map((e) => JSON.parse(e.payload)).find((e) => e.type === "request.commented" && e.commentId === Number(made.id));
    expect(commented.mentionedIds).toEqual(["m_ia"]);
  });
});

describe("editing a comment", () => {
  it("its author edits it within 15 minutes; the comment says when and the history says so", async () => {
    const c = await comment(bob, "Backfill starts Monday");
    await age(c.id, 14);
    const res = await edit(bob, c.id, { body: "  Backfill starts Tuesday  " });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ id: c.id, body: "Backfill starts Tuesday", deletedAt: null });
    expect(res.json.editedAt).toEqual(expect.any(String));

    const r = await read();
    expect(r.comments.find((x) => x.id === c.id)).toMatchObject({ body: "Backfill starts Tuesday", editedAt: res.json.editedAt });
    expect(r.history.at(-1)).toMatchObject({ kind: "COMMENT_EDITED", actor: { id: "bob" }, field: String(c.id) });
  });

  it("after 15 minutes: 409 saying why, and nothing changes", async () => {
    const c = await comment(bob, "Too late to change");
    await age(c.id, 15);
    const before = (await read()).history.length;
    const res = await edit(bob, c.id, { body: "Changed" });
    expect(res.status).toBe(409);
    expect(res.json.error).toMatchObject({ code: "CONFLICT", message: expect.stringContaining("15 minutes") });
    const r = await read();
    expect(r.comments.find((x) => x.id === c.id)).toMatchObject({ body: "Too late to change", editedAt: null });
    expect(r.history).toHaveLength(before);
  });

  it("someone else's comment: 403, for another requester, the request's owner and an admin", async () => {
    const c = await comment(bob, "Bob's words");
    for (const cookie of [alice, admin]) {
      const res = await edit(cookie, c.id, { body: "Not Bob's words" });
      expect(res.status).toBe(403);
      expect(res.json.error.message).toBe("Only its author can edit a comment.");
      expect((await remove(cookie, c.id)).status).toBe(403);
    }
    expect((await read()).comments.find((x) => x.id === c.id)).toMatchObject({ body: "Bob's words", editedAt: null, deletedAt: null });
  });

  it("validates the body as a new comment does; unknown comments and requests are 404", async () => {
    const c = await comment(bob, "Valid");
    expect((await edit(bob, c.id, { body: "   " })).status).toBe(400);
    expect((await edit(bob, c.id, { body: "x", extra: 1 })).status).toBe(400);
    expect((await edit(bob, c.id, { body: "x".repeat(4001) })).status).toBe(400);
    expect((await edit(bob, 999_999, { body: "x" })).status).toBe(404);
    expect((await edit(bob, "abc", { body: "x" })).status).toBe(404);
    expect((await edit(bob, "99999999999", { body: "x" })).status).toBe(404);
    expect((await edit(bob, c.id, { body: "x" }, "KV-999999")).status).toBe(404);
    // A comment is found only under its own request.
    const other = await call(requestsRoute.POST, "POST", "/api/requests", { cookie: alice, body: validRequestBody({ datasetName: "comment_rules_other" }) });
    expect((await edit(bob, c.id, { body: "x" }, other.json.number)).status).toBe(404);
    expect((await read()).comments.find((x) => x.id === c.id)?.body).toBe("Valid");
  });
});

describe("deleting a comment", () => {
  it("its author deletes it within 15 minutes: it stays in place without its words, and the history says so", async () => {
    const c = await comment(bob, "Oops, wrong request");
    const later = await comment(alice, "A reply");
    await age(c.id, 10);
    const res = await remove(bob, c.id);
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ id: c.id, body: "", deletedAt: expect.any(String) });

    const r = await read();
    const ids = r.comments.map((x) => x.id);
    expect(ids.indexOf(c.id)).toBeLessThan(ids.indexOf(later.id));
    expect(r.comments.find((x) => x.id === c.id)).toMatchObject({ body: "", deletedAt: res.json.deletedAt });
    expect(r.history.at(-1)).toMatchObject({ kind: "COMMENT_DELETED", actor: { id: "bob" }, field: String(c.id) });
    // The words are gone from the database too, not only from the answer.
    expect((await db.comment.findUniqueOrThrow({ where: { id: c.id } })).body).toBe("");

    // Once deleted: no edit, no second deletion.
    expect((await edit(bob, c.id, { body: "Back again" })).status).toBe(409);
    const again = await remove(bob, c.id);
    expect(again.status).toBe(409);
    expect(again.json.error.message).toBe("This comment was deleted.");
  });

  it("after 15 minutes: 409, and the comment stays", async () => {
    const c = await comment(bob, "Settled");
    await age(c.id, 16);
    const res = await remove(bob, c.id);
    expect(res.status).toBe(409);
    expect(res.json.error.message).toContain("15 minutes");
    expect((await read()).comments.find((x) => x.id === c.id)).toMatchObject({ body: "Settled", deletedAt: null });
  });

  it("other methods answer 405 with Allow", async () => {
    const res = await call(commentRoute.GET, "GET", `/api/requests/${request.number}/comments/1`, { cookie: bob, params: { number: request.number, id: "1" } });
    expect(res.status).toBe(405);
    expect(res.headers.get("allow")).toBe("PATCH, DELETE, OPTIONS");
  });
});

describe("links in comments (commentPieces)", () => {
  it("http and https URLs become links; the text around them stays text, line breaks included", () => {
    expect(commentPieces("See https://wiki.example.com/kv?x=1&y=2.\nAnd http://a.example/b, then done")).toEqual([
      { kind: "text", text: "See " },
      { kind: "link", text: "https://wiki.example.com/kv?x=1&y=2", href: "https://wiki.example.com/kv?x=1&y=2" },
      { kind: "text", text: ".\nAnd " },
      { kind: "link", text: "http://a.example/b", href: "http://a.example/b" },
      { kind: "text", text: ", then done" },
    ]);
  });

  it("keeps a closing bracket the URL opened, drops one around it", () => {
    expect(commentPieces("(https://en.wikipedia.org/wiki/Rock_(band))")).toEqual([
      { kind: "text", text: "(" },
      { kind: "link", text: "https://en.wikipedia.org/wiki/Rock_(band)", href: "https://en.wikipedia.org/wiki/Rock_(band)" },
      { kind: "text", text: ")" },
    ]);
  });

  it("no other scheme is ever a link, and markup stays text", () => {
    for (const body of [
      "javascript:alert(1)",
      "JaVaScRiPt:alert(document.cookie)",
      "data:text/html,<script>alert(1)</script>",
      "vbscript:msgbox(1)",
      "mailto:a@example.com",
      "file:///etc/passwd",
      '<a href="javascript:alert(1)">x</a>',
      "<img src=x onerror=alert(1)>",
      "https://", // no host
    ]) {
      const pieces = commentPieces(body);
      expect(pieces.filter((p) => p.kind === "link")).toEqual([]);
      expect(pieces.map((p) => p.text).join("")).toBe(body);
    }
  });

  it("a URL glued to a javascript: prefix or inside markup links only the http(s) part", () => {
    const pieces = commentPieces('javascript:https://x.example/"><script>');
    expect(pieces.filter((p) => p.kind === "link")).toEqual([{ kind: "link", text: "https://x.example/", href: "https://x.example/" }]);
    expect(pieces.map((p) => p.text).join("")).toBe('javascript:https://x.example/"><script>');
    for (const p of pieces) if (p.kind === "link") expect(new URL(p.href).protocol).toMatch(/^https?:$/);
  });

  it("joining the pieces always gives the text back", () => {
    const body = "a https://x.example/a_(b)c), b http://y.example:8080/p?q#f! c https://z.example.";
    expect(
      commentPieces(body)
        .map((p) => p.text)
        .join(""),
    ).toBe(body);
  });
});
