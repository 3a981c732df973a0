// Keeps webhooks from becoming a way into the company network: a webhook URL may only
// reach public addresses. Every address its host resolves to is checked (IPv4 and IPv6,
// including IPv4 written inside IPv6), at registration and again at each delivery, and
// the delivery connects to the very addresses checked (post-json.ts), so a DNS answer
// that changes in between (rebinding) cannot slip a private address in.
import { lookup } from "node:dns/promises";
import { isIP } from "node:net";

export type ResolvedAddress = { address: string; family: 4 | 6 };

/** Thrown with a sentence for people; the API answers it as a 400 on the field "url". */
export class WebhookUrlError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "WebhookUrlError";
  }
}

type Range = { bytes: number[]; bits: number };
const v4 = (cidr: string): Range => {
  const [ip, bits] = cidr.split("/");
  return { bytes: ip!.split(".").map(Number), bits: Number(bits) };
};

// Not the public internet: this host, private networks, carrier NAT, link-local,
// documentation and benchmark nets, multicast, reserved and broadcast.
const FORBIDDEN_V4 = [
  "0.0.0.0/8",
  "10.0.0.0/8",
  "100.64.0.0/10",
  "127.0.0.0/8",
  "169.254.0.0/16",
  "172.16.0.0/12",
  "192.0.0.0/24",
  "192.0.2.0/24",
  "192.88.99.0/24",
  "192.168.0.0/16",
  "198.18.0.0/15",
  "198.51.100.0/24",
  "203.0.113.0/24",
  "224.0.0.0/4",
  "240.0.0.0/4",
].map(v4);

const v6 = (prefix: number[], bits: number): Range => ({ bytes: prefix, bits });
// Unique local (fc00::/7), link-local (fe80::/10), old site-local (fec0::/10), multicast,
// documentation (2001:db8::/32), Teredo (2001::/32, tunnels to anywhere), discard (100::/64),
// NAT64 local use (64:ff9b:1::/48).
const FORBIDDEN_V6 = [
  v6([0xfc], 7),
  v6([0xfe, 0x80], 10),
  v6([0xfe, 0xc0], 10),
  v6([0xff], 8),
  v6([0x20, 0x01, 0x0d, 0xb8], 32),
  v6([0x20, 0x01, 0x00, 0x00], 32),
  v6([0x01, 0x00, 0, 0, 0, 0, 0, 0], 64),
  v6([0x00, 0x64, 0xff, 0x9b, 0x00, 0x01], 48),
];

function inRange(bytes: number[], { bytes: prefix, bits }: Range): boolean {
  for (let i = 0; i < bits; i += 8) {
    const take = Math.min(8, bits - i);
    const mask = (0xff << (8 - take)) & 0xff;
    if (((bytes[i / 8] ?? 0) & mask) !== ((prefix[i / 8] ?? 0) & mask)) return false;
  }
  return true;
}

/** The 16 bytes of an IPv6 address (with "::", a zone, or a dotted IPv4 tail). */
function ipv6Bytes(address: string): number[] {
  const plain = address.replace(/%.*$/, "");
  const [head, tail] = plain.includes("::") ? plain.split("::") : [plain, undefined];
  const groups = (part: string | undefined): number[] =>
    !part
      ? []
      : part.split(":").flatMap((g) => {
          if (g.includes(".")) {
            const [a, b, c, d] = g.split(".").map(Number) as [number, number, number, number];
            return [(a << 8) | b, (c << 8) | d];
          }
          return [parseInt(g, 16)];
        });
  const left = groups(head);
  const right = groups(tail);
  const all = tail === undefined ? left : [...left, ...new Array<number>(8 - left.length - right.length).fill(0), ...right];
  return all.flatMap((g) => [g >> 8, g & 0xff]);
}

/** True for any address a webhook must not reach (see the ranges above). */
export function isForbiddenAddress(address: string): boolean {
  const family = isIP(address.replace(/%.*$/, ""));
  if (family === 4) {
    const bytes = address.split(".").map(Number);
    return FORBIDDEN_V4.some((r) => inRange(bytes, r));
  }
  if (family !== 6) return true; // not an address at all: refuse rather than guess
  const b = ipv6Bytes(address);
  const zeros = (from: number, to: number) => b.slice(from, to).every((x) => x === 0);
  const embeddedV4 = (at: number) => isForbiddenAddress(b.slice(at, at + 4).join("."));
  // ::ffff:a.b.c.d (IPv4-mapped) and ::ffff:0:a.b.c.d (translated) are the IPv4 address.
  if (zeros(0, 10) && b[10] === 0xff && b[11] === 0xff) return embeddedV4(12);
  if (zeros(0, 8) && b[8] === 0xff && b[9] === 0xff && zeros(10, 12)) return embeddedV4(12);
  // ::, ::1 and the old IPv4-compatible ::a.b.c.d.
  if (zeros(0, 12)) return true;
  // NAT64 (64:ff9b::/96) and 6to4 (2002::/16) carry an IPv4 address that is reached.
  if (inRange(b, v6([0x00, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0], 96))) return embeddedV4(12);
  if (b[0] === 0x20 && b[1] === 0x02) return embeddedV4(2);
  return FORBIDDEN_V6.some((r) => inRange(b, r));
}

/** The URL's host without IPv6 brackets. */
const hostOf = (url: URL) => url.hostname.replace(/^\[(.*)\]$/, "$1");

/**
 * The addresses a webhook delivery to `url` may connect to; throws WebhookUrlError when
 * the URL is not allowed: not https (unless allowPrivate), credentials in it, a host that
 * does not resolve, or any resolved address that is not public (unless allowPrivate).
 */
export async function resolveWebhookUrl(raw: string, { allowPrivate }: { allowPrivate: boolean }): Promise<{ url: URL; addresses: ResolvedAddress[] }> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new WebhookUrlError("Enter a full URL, e.g. https://tools.example.com/kvstore-hook");
  }
  if (url.protocol !== "https:" && !(allowPrivate && url.protocol === "http:")) {
    throw new WebhookUrlError("The URL must start with https://");
  }
  if (url.username || url.password) throw new WebhookUrlError("The URL must not contain a user name or password");
  const host = hostOf(url);
  let addresses: ResolvedAddress[];
  if (isIP(host)) addresses = [{ address: host, family: isIP(host) as 4 | 6 }];
  else {
    try {
      addresses = (await lookup(host, { all: true, verbatim: true })).map((a) => ({ address: a.address, family: a.family as 4 | 6 }));
    } catch {
      throw new WebhookUrlError(`The host ${host} does not resolve`);
    }
    if (addresses.length === 0) throw new WebhookUrlError(`The host ${host} does not resolve`);
  }
  if (!allowPrivate) {
    const forbidden = addresses.find((a) => isForbiddenAddress(a.address));
    if (forbidden) {
      throw new WebhookUrlError(`The URL points at ${forbidden.address}, a loopback, link-local or private address: webhooks may only call public addresses`);
    }
  }
  return { url, addresses };
}
