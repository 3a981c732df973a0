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
import { DEFAULT_TOKEN_EXPIRY_DAYS, type ApiTokenDto, type CreatedTokenDto, type CreateTokenBody } from "@/lib/schemas/token";

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

type TokenRow = { id: string; name: string; prefix: string; createdAt: Date; lastUsedAt: Date | null; readOnly: boolean; expiresAt: Date | null };
const DAY_MS = 24 * 60 * 60 * 1000;

function toDto(row: TokenRow): ApiTokenDto {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    createdAt: row.createdAt.toISOString(),
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    readOnly: row.readOnly,
    expiresAt: row.expiresAt?.toISOString() ?? null,
  };
}

const dtoSelect = { id: true, name: true, prefix: true, createdAt: true, lastUsedAt: true, readOnly: true, expiresAt: true } as const;

/** The user's tokens that are not revoked (expired ones included, marked by expiresAt), newest first. */
export async function listTokens(user: SessionUser): Promise<ApiTokenDto[]> {
  const rows = await db.apiToken.findMany({
    where: { userId: user.id, revokedAt: null },
    orderBy: [{ createdAt: "desc" }, { id: "asc" }],
    select: dtoSelect,
  });
  return rows.map(toDto);
}

/** A new token; the only time its value leaves the server. */
export async function createToken(user: SessionUser, body: Pick<CreateTokenBody, "name"> & Partial<CreateTokenBody>): Promise<CreatedTokenDto> {
  const active = await db.apiToken.count({ where: { userId: user.id, revokedAt: null } });
  if (active >= MAX_TOKENS_PER_USER) {
    throw new ApiError("CONFLICT", `You have ${MAX_TOKENS_PER_USER} tokens; revoke one you no longer use first.`);
  }
  const token = TOKEN_PREFIX + randomBytes(32).toString("base64url");
  const days = body.expiresInDays === undefined ? DEFAULT_TOKEN_EXPIRY_DAYS : body.expiresInDays;
  const expiresAt = days === null ? null : new Date(Date.now() + days * DAY_MS);
  const row = await db.apiToken.create({
    data: {
      id: randomUUID(),
      userId: user.id,
      name: body.name,
      tokenHash: hashToken(token),
      prefix: token.slice(0, DISPLAY_CHARS),
      readOnly: body.readOnly ?? false,
      expiresAt,
    },
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

export type TokenAuth = { user: SessionUser; token: { id: string; name: string; prefix: string; readOnly: boolean; expiresAt: string | null } };

/**
 * The user behind a bearer token, with the user's role as it is now; `expiredAt` when
 * the token expired; null when it does not work (unknown, revoked, or its person is
 * deactivated).
 */
export async function authenticateToken(token: string): Promise<TokenAuth | { expiredAt: Date } | null> {
  if (!TOKEN_PATTERN.test(token)) return null;
  const row = await db.apiToken.findUnique({
    where: { tokenHash: hashToken(token) },
    select: { id: true, name: true, prefix: true, revokedAt: true, lastUsedAt: true, readOnly: true, expiresAt: true, user: true },
  });
  if (!row || row.revokedAt || !row.user.active) return null;
  const now = Date.now();
  if (row.expiresAt && row.expiresAt.getTime() <= now) return { expiredAt: row.expiresAt };
  if (!row.lastUsedAt || now - row.lastUsedAt.getTime() >= LAST_USED_RESOLUTION_MS) {
    // Conditional, so concurrent calls of one token write once.
    await db.apiToken.updateMany({
      where: { id: row.id, OR: [{ lastUsedAt: null }, { lastUsedAt: { lt: new Date(now - LAST_USED_RESOLUTION_MS) } }] },
      data: { lastUsedAt: new Date(now) },
    });
  }
  return {
    user: toSessionUser(row.user),
    token: { id: row.id, name: row.name, prefix: row.prefix, readOnly: row.readOnly, expiresAt: row.expiresAt?.toISOString() ?? null },
  };
}
