// KVStore-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>"> with the
// endpoint's secret. The timestamp inside the signed text lets a receiver refuse old
// replays; README.md ("Webhooks") shows a receiver checking it.
import { createHmac, timingSafeEqual } from "node:crypto";

export function signatureHeader(secret: string, body: string, unixSeconds: number): string {
  const v1 = createHmac("sha256", secret).update(`${unixSeconds}.${body}`).digest("hex");
  return `t=${unixSeconds},v1=${v1}`;
}

/** A receiver's check (the tests' receivers use it): the signature matches and is at most `toleranceS` old. */
export function verifySignature(secret: string, body: string, header: string, { nowS = Date.now() / 1000, toleranceS = 300 } = {}): boolean {
  const parts = Object.fromEntries(header.split(",").map((p) => p.split("=", 2) as [string, string]));
  const t = Number(parts.t);
  if (!Number.isInteger(t) || !parts.v1 || Math.abs(nowS - t) > toleranceS) return false;
  const expected = Buffer.from(createHmac("sha256", secret).update(`${t}.${body}`).digest("hex"));
  const given = Buffer.from(parts.v1);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
