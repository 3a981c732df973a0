// The bare limit: a minimal node:http server that answers the benchmark's endpoints by
// running the app's SQL through better-sqlite3 directly and returning the same JSON.
// No framework, no ORM, no React: what is left is SQLite, JSON and HTTP. Benchmark
// code only (npm run bench); never part of the app.
//
//   DATABASE_URL=file:./x.db BETTER_AUTH_SECRET=... PORT=3402 \
//     node --conditions=react-server --import tsx scripts/bench/bare-server.ts
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { createHmac, timingSafeEqual } from "node:crypto";
import Database from "better-sqlite3";
import { listPageQuerySchema, type ListRequestsQuery } from "../../lib/schemas/request";
import { searchParamsToObject } from "../../lib/schemas/list-params";
import { readQueueView } from "../../lib/queries/queue-view";
import { parseRequestNumber } from "../../lib/domain/requests/options";
import { newRequestValues } from "../../lib/data/requests/insert-request";
import { toSessionUser } from "../../lib/auth/roles";
import { healthResponse } from "../../lib/schemas/health";
import { openBareQueries, type BareQueries, type SessionRow } from "./bare-queries";

const port = Number(process.env.PORT ?? 3402);
const secret = process.env.BETTER_AUTH_SECRET ?? "";
const sqlite = new Database((process.env.DATABASE_URL ?? "file:./prisma/dev.db").replace(/^file:/, ""));
// The app's pragmas (lib/db/create-prisma-client.ts), synchronous=FULL included: the
// bare limit's creates sync every commit as the app's do (it has no group commit).
sqlite.pragma("journal_mode = WAL");
sqlite.pragma("synchronous = FULL");
sqlite.pragma("foreign_keys = ON");
sqlite.pragma("busy_timeout = 5000");
const q: BareQueries = openBareQueries(sqlite);

const COOKIE = "better-auth.session_token=";

/** better-auth's signed session cookie: "<token>.<base64 HMAC-SHA256>", URI-encoded. */
function sessionFrom(req: IncomingMessage): SessionRow | null {
  const header = req.headers.cookie ?? "";
  const start = header.indexOf(COOKIE);
  if (start < 0) return null;
  const end = header.indexOf(";", start);
  const value = decodeURIComponent(header.slice(start + COOKIE.length, end < 0 ? undefined : end));
  const dot = value.lastIndexOf(".");
  if (dot < 1) return null;
  const token = value.slice(0, dot);
  const given = Buffer.from(value.slice(dot + 1), "base64");
  const expected = createHmac("sha256", secret).update(token).digest();
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  const session = q.session(token);
  if (!session || new Date(session.expiresAt).getTime() < Date.now()) return null;
  return session;
}

function send(res: ServerResponse, status: number, body: string, type = "application/json", headers: Record<string, string> = {}) {
  res.writeHead(status, { "content-type": type, "content-length": Buffer.byteLength(body), ...headers });
  res.end(body);
}

const error = (res: ServerResponse, status: number, code: string, message: string) =>
  send(res, status, JSON.stringify({ error: { code, message, details: [] } }));

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

const escapeHtml = (s: string) => s.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);

/** The queue page's data in the smallest HTML that shows it: the SSR counterpart. */
function queueHtml(query: ListRequestsQuery, user: SessionRow): string {
  const list = q.list(query, user.userId);
  const rows = list.items
    .map(
      (r) =>
        `<tr><td><a href="/requests/${r.number}">${r.number}</a></td><td>${escapeHtml(r.datasetName)}</td><td>${r.requestType}</td>` +
        `<td>${escapeHtml(r.ownerTeam)}</td><td>${r.status}</td><td>${r.priority}</td><td>${escapeHtml(r.assignee?.name ?? "Unassigned")}</td>` +
        `<td>${r.createdAt}</td><td>${r.updatedAt}</td></tr>`,
    )
    .join("");
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Requests</title></head><body><h1>Requests</h1><p>${list.total} requests</p><table><tbody>${rows}</tbody></table></body></html>`;
}

async function handle(req: IncomingMessage, res: ServerResponse) {
  const url = new URL(req.url ?? "/", "http://bare");
  const path = url.pathname;
  // The same answers as the app's probes; /api/health is the framework-floor scenario.
  if (path === "/api/health") return send(res, 200, JSON.stringify(healthResponse()));
  if (path === "/api/ready") return send(res, 200, '{"status":"ready"}');
  const user = sessionFrom(req);
  if (!user) return error(res, 401, "UNAUTHENTICATED", "Sign in first.");

  if (path === "/api/me") {
    // The app's GET /api/me for a session (app/api/me/route.ts): the second floor scenario.
    const me = toSessionUser({ ...user, id: user.userId });
    return send(res, 200, JSON.stringify({ ...me, authenticatedWith: "session", token: null }));
  }
  if (path === "/api/requests" && req.method === "GET") {
    const parsed = listPageQuerySchema.safeParse(searchParamsToObject(url.searchParams));
    if (!parsed.success) return error(res, 400, "VALIDATION_FAILED", "Some query parameters are not valid.");
    const { after, ...view } = parsed.data;
    return send(res, 200, JSON.stringify(q.list(view, user.userId, after)));
  }
  if (path === "/api/requests" && req.method === "POST") {
    const body = JSON.parse(await readBody(req));
    // Defaults the app's schema would fill in; the bare server does not validate.
    const created = q.create(newRequestValues(user.userId, { priority: "MEDIUM", ...body }, new Date()));
    if (!created) return error(res, 409, "DUPLICATE_DATASET_NAME", "A live request for that dataset already exists.");
    return send(res, 201, JSON.stringify(created), "application/json", { location: `/api/requests/${created.number}` });
  }
  const one = /^\/api\/requests\/([^/]+)$/.exec(path);
  if (one && req.method === "GET") {
    const number = parseRequestNumber(decodeURIComponent(one[1]!));
    const detail = number === null ? null : q.detailByNumber(number);
    return detail ? send(res, 200, JSON.stringify(detail)) : error(res, 404, "NOT_FOUND", "Request was not found.");
  }
  const dataset = /^\/api\/datasets\/([^/]+)$/.exec(path);
  if (dataset && req.method === "GET") {
    const name = decodeURIComponent(dataset[1]!);
    const found = q.datasetByName(name);
    return found ? send(res, 200, JSON.stringify(found)) : error(res, 404, "NOT_FOUND", `A dataset named ${name.slice(0, 63)} was not found.`);
  }
  if (path === "/requests" && req.method === "GET") {
    const role = user.role === "ADMIN" ? "ADMIN" : "REQUESTER";
    return send(res, 200, queueHtml(readQueueView(url.searchParams, role), user), "text/html; charset=utf-8");
  }
  return error(res, 404, "NOT_FOUND", "No such route.");
}

createServer((req, res) => {
  handle(req, res).catch((e: unknown) => {
    console.error(e);
    if (!res.headersSent) error(res, 500, "INTERNAL", "Something went wrong.");
  });
}).listen(port, "0.0.0.0", () => console.log(`bare limit on http://localhost:${port}`));
