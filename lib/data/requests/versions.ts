// Optimistic concurrency: every change names the version it read.
import "server-only";
import { ApiError } from "@/lib/api/errors";
import type { Prisma } from "@/lib/generated/prisma/client";

/** The version from the body, else from If-Match ("3" or W/"3"); one of them is required. */
export function requireVersion(bodyVersion: number | undefined, ifMatch: string | null): number {
  if (bodyVersion !== undefined) return bodyVersion;
  const match = ifMatch ? /^(?:W\/)?"?([1-9][0-9]{0,9})"?$/.exec(ifMatch.trim()) : null;
  if (match?.[1]) return Number(match[1]);
  throw new ApiError("VALIDATION_FAILED", "Say which version of the request you read.", [
    { path: "version", message: 'Send "version" in the body or an If-Match header with the version you read' },
  ]);
}

export function staleVersion(current: number) {
  return new ApiError("STALE_VERSION", `Someone changed this request since you read it (it is now at version ${current}). Reload it and try again.`, [
    { path: "version", message: `The current version is ${current}` },
  ]);
}

/** The version stored now (after a conditional update found another one). */
export async function currentVersion(tx: Prisma.TransactionClient, number: number): Promise<number> {
  const row = await tx.datasetRequest.findUnique({ where: { number }, select: { version: true } });
  return row?.version ?? 0;
}
