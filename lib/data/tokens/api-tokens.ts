// Personal API tokens. A token is "kvs_" + 32 random bytes (base64url); the database
// keeps only its SHA-256 hash. A fast, unsalted hash is enough here, unlike for
// passwords: with 256 bits of entropy nobody can guess or brute-force a token from its
// hash, and the hash is looked up through a unique index, so checking a token costs one
// indexed read and no comparison can leak timing.
import "server-only";
import { createHash, randomBytes, randomUUID } from "node:crypto";
import { db } from "@/lib/db";
import { ApiError } from "@/lib/api/errors";
import { toSessionUser, type SessionUser } from "@/lib/auth/roles";
import type { ApiTokenDto, CreatedTokenDto, CreateTokenBody } from "@/lib/schemas/token";

const TOKEN_PREFIX = "kvs_";
const TOKEN_PATTERN = /^kvs_[A-Za-z0-9_-]{43}$/;
/** How many characters of a token are kept to show it in lists. */
const DISPLAY_CHARS = 12;
const MAX_TOKENS_PER_USER = 25;
/** lastUsedAt is written at most this often per token: one cheap write a minute. */
const LAST_USED_RESOLUTION_MS = 60_000;

export function hashToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

type TokenRow = { id: string; name: string; prefix: string; createdAt: Date; lastUsedAt: Date | null };

function toDto(row: TokenRow): ApiTokenDto {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    createdAt: row.createdAt.toISOString(),
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
  };
}

const dtoSelect = { id: true, name: true, prefix: true, createdAt: true, lastUsedAt: true } as const;

/** The user's tokens that still work, newest first. */
export async function listTokens(user: SessionUser): Promise<ApiTokenDto[]> {
  const rows = await db.apiToken.findMany({
    where: { userId: user.id, revokedAt: null },
    orderBy: [{ createdAt: "desc" }, { id: "asc" }],
    select: dtoSelect,
  });
  return rows.map(toDto);
}

/** A new token; the only time its value leaves the server. */
export async function createToken(user: SessionUser, body: CreateTokenBody): Promise<CreatedTokenDto> {
  const active = await db.apiToken.count({ where: { userId: user.id, revokedAt: null } });
  if (active >= MAX_TOKENS_PER_USER) {
    throw new ApiError("CONFLICT", `You have ${MAX_TOKENS_PER_USER} tokens; revoke one you no longer use first.`);
  }
  const token = TOKEN_PREFIX + randomBytes(32).toString("base64url");
  const row = await db.apiToken.create({
    data: { id: randomUUID(), userId: user.id, name: body.name, tokenHash: hashToken(token), prefix: token.slice(0, DISPLAY_CHARS) },
    select: dtoSelect,
  });
  return { ...toDto(row), token };
}

/** Revokes one of the user's own tokens; someone else's looks like a missing one (404). */
export async function revokeToken(user: SessionUser, id: string): Promise<void> {
  const { count } = await db.apiToken.updateMany({
    where: { id, userId: user.id, revokedAt: null },
    data: { revokedAt: new Date() },
  });
  if (count === 0) throw ApiError.notFound("The token");
}

export type TokenAuth = { user: SessionUser; token: { id: string; name: string; prefix: string } };

/** The user behind a bearer token, with the user's role as it is now; null when the token does not work. */
export async function authenticateToken(token: string): Promise<TokenAuth | null> {
  if (!TOKEN_PATTERN.test(token)) return null;
  const row = await db.apiToken.findUnique({
    where: { tokenHash: hashToken(token) },
    select: { id: true, name: true, prefix: true, revokedAt: true, lastUsedAt: true, user: true },
  });
  if (!row || row.revokedAt) return null;
  const now = Date.now();
  if (!row.lastUsedAt || now - row.lastUsedAt.getTime() >= LAST_USED_RESOLUTION_MS) {
    // Conditional, so concurrent calls of one token write once.
    await db.apiToken.updateMany({
      where: { id: row.id, OR: [{ lastUsedAt: null }, { lastUsedAt: { lt: new Date(now - LAST_USED_RESOLUTION_MS) } }] },
      data: { lastUsedAt: new Date(now) },
    });
  }
  return { user: toSessionUser(row.user), token: { id: row.id, name: row.name, prefix: row.prefix } };
}
