// Which address a request came from, for the sign-in limits and the session record.
// X-Forwarded-For is a header anyone can send, so it counts only when the connection
// itself comes from a proxy listed in TRUSTED_PROXIES; otherwise the socket's address is
// the client. Next.js keeps a client's X-Forwarded-For as it came and hides the socket,
// so stamp-raw-request.ts stamps the socket's address on every request (PEER_HEADER)
// before Next sees it.
import "server-only";
import { isIP, type BlockList } from "node:net";
import { env } from "@/lib/env";
import { parseTrustedProxies } from "@/lib/security/trusted-proxies";
import { PEER_HEADER } from "@/lib/security/raw-request-headers";

export { PEER_HEADER };
/** What the auth route hands better-auth (advanced.ipAddress.ipAddressHeaders). */
export const CLIENT_ADDRESS_HEADER = "x-kvstore-client-address";

/** "::ffff:10.1.2.3" → "10.1.2.3"; anything that is not an address → null. */
function normalize(address: string): string | null {
  const a = address.trim().replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, "");
  return isIP(a) ? a.toLowerCase() : null;
}

const isTrusted = (proxies: BlockList, address: string) => proxies.check(address, isIP(address) === 6 ? "ipv6" : "ipv4");

let trusted: BlockList | undefined;

/** The client's address under the app's TRUSTED_PROXIES (see resolveClientAddress). */
export function clientAddress(headers: Headers): string | null {
  trusted ??= parseTrustedProxies(env().TRUSTED_PROXIES);
  return resolveClientAddress(headers, trusted);
}

/**
 * The socket's address, unless the socket is a trusted proxy; then the forwarded chain
 * is read from the right, skipping trusted proxies, and the first address not trusted is
 * the client. null when the request did not pass through stamp-raw-request.ts (in-process
 * calls, the first requests while the server starts).
 */
export function resolveClientAddress(headers: Headers, proxies: BlockList): string | null {
  const peer = normalize(headers.get(PEER_HEADER) ?? "");
  if (!peer) return null;
  if (!isTrusted(proxies, peer)) return peer;
  const chain = (headers.get("x-forwarded-for") ?? "").split(",");
  for (let i = chain.length - 1; i >= 0; i--) {
    const hop = normalize(chain[i] ?? "");
    if (!hop) return peer; // a malformed hop: believe nothing further left
    if (!isTrusted(proxies, hop)) return hop;
  }
  return peer;
}
