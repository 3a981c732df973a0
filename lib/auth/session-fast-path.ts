// The session check of every API call and page render, without better-auth's endpoint
// machinery and without Prisma. In the profile of the list request, Prisma's query
// compiler and client (behind better-auth's getSession, a findOne with a join inside
// better-call's endpoint pipeline) were ~30 % of the server's busy time (BENCHMARKS.md).
// This does the same check — the cookie's HMAC signature, then the session row and its
// user, read from the database on every call — in one statement: on SQLite a prepared
// one on the read connection, on PostgreSQL one round trip on the pool (readOneRow).
//
// It answers only the common case: a correctly signed cookie whose live session needs
// nothing written. Everything else (no cookie, bad signature, unknown or expired
// session, a session due for better-auth's sliding refresh, a "don't remember me"
// session) returns undefined and goes through better-auth, which decides and writes as
// it always did. So a signed-out or deleted session is refused at once, as before.
import "server-only";
import { createHmac, timingSafeEqual } from "node:crypto";
import { auth } from "@/lib/auth/auth";
import { env } from "@/lib/env";
import { readOneRow } from "@/lib/db/sql/database";
import { toSessionUser, type SessionUser } from "@/lib/auth/roles";

type Names = { session: string; dontRemember: string; expiresInMs: number; updateAgeMs: number };
let names: Names | undefined;

async function cookieNames(): Promise<Names> {
  if (!names) {
    const ctx = await auth.$context;
    names = {
      session: ctx.authCookies.sessionToken.name,
      dontRemember: ctx.authCookies.dontRememberToken.name,
      expiresInMs: ctx.sessionConfig.expiresIn * 1000,
      updateAgeMs: ctx.sessionConfig.updateAge * 1000,
    };
  }
  return names;
}

/** The first cookie of that name, unquoted and URL-decoded (as better-call reads it). */
export function readCookie(header: string, name: string): string | null {
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq < 0 || part.slice(0, eq).trim() !== name) continue;
    let value = part.slice(eq + 1).trim();
    if (value.charCodeAt(0) === 34) value = value.slice(1, -1);
    try {
      return decodeURIComponent(value);
    } catch {
      return value;
    }
  }
  return null;
}

/** "token.signature" → the token when the signature is the HMAC-SHA256 of it with our secret. */
export function verifySignedValue(value: string, secret: string): string | null {
  const dot = value.lastIndexOf(".");
  if (dot < 1) return null;
  const signature = value.slice(dot + 1);
  if (signature.length !== 44 || !signature.endsWith("=")) return null;
  const token = value.slice(0, dot);
  const given = Buffer.from(signature, "base64");
  const expected = createHmac("sha256", secret).update(token).digest();
  return given.length === expected.length && timingSafeEqual(given, expected) ? token : null;
}

// active: 0/1 on SQLite, a boolean on PostgreSQL; expiresAt: Prisma's text (or a number) on SQLite, a Date on PostgreSQL.
type Row = { id: string; name: string; email: string; role: string; team: string | null; active: number | boolean; expiresAt: unknown };
const LOOKUP_SQL = `SELECT "u"."id", "u"."name", "u"."email", "u"."role", "u"."team", "u"."active", "s"."expiresAt"
   FROM "session" AS "s" JOIN "user" AS "u" ON "u"."id" = "s"."userId" WHERE "s"."token" = ?`;

/**
 * The signed-in user when the fast path can answer alone; null: a valid session of a
 * deactivated person (refused, whatever better-auth would say); undefined: ask better-auth.
 */
export async function fastSessionUser(cookieHeader: string | null): Promise<SessionUser | null | undefined> {
  if (!cookieHeader) return undefined;
  const n = await cookieNames();
  const value = readCookie(cookieHeader, n.session);
  if (!value || readCookie(cookieHeader, n.dontRemember) !== null) return undefined;
  const token = verifySignedValue(value, env().BETTER_AUTH_SECRET);
  if (!token) return undefined;
  const row = await readOneRow<Row>(LOOKUP_SQL, [token]);
  if (!row) return undefined;
  if (!row.active) return null;
  const expiresAt =
    row.expiresAt instanceof Date ? row.expiresAt.getTime() : typeof row.expiresAt === "number" ? row.expiresAt : Date.parse(String(row.expiresAt));
  const now = Date.now();
  // Expired (better-auth deletes it) or due for the sliding refresh (better-auth writes it).
  if (!Number.isFinite(expiresAt) || expiresAt <= now || expiresAt - n.expiresInMs + n.updateAgeMs <= now) return undefined;
  return toSessionUser(row);
}
