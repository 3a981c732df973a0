// One POST of a JSON body, for the webhook and Slack deliverers: node:http(s) rather
// than fetch, so the connection goes to addresses resolved (and checked) beforehand
// (the `lookup` below) and nothing resolves the host a second time. No redirects are
// followed (a 3xx is an answer like any non-2xx); the answer's body is not kept.
import http from "node:http";
import https from "node:https";
import type { LookupFunction } from "node:net";
import type { ResolvedAddress } from "@/lib/webhooks/address-guard";

/** Read and dropped: a receiver that streams forever must not hold the slot. */
const MAX_ANSWER_BYTES = 64 * 1024;

export async function postJson(
  url: URL,
  body: string,
  { headers, addresses, signal }: { headers: Record<string, string>; addresses?: ResolvedAddress[]; signal?: AbortSignal },
): Promise<number> {
  const pinned: LookupFunction | undefined = addresses?.length
    ? (_hostname, options, callback) => {
        if (options.all) callback(null, addresses);
        else callback(null, addresses[0]!.address, addresses[0]!.family);
      }
    : undefined;
  const client = url.protocol === "https:" ? https : http;
  return new Promise<number>((resolve, reject) => {
    const req = client.request(
      url,
      {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "content-length": String(Buffer.byteLength(body)),
          "user-agent": "KVStore-Webhooks/1",
          ...headers,
        },
        signal,
        agent: false,
        ...(pinned ? { lookup: pinned } : {}),
      },
      (res) => {
        let read = 0;
        res.on("data", (chunk: Buffer) => {
          read += chunk.length;
          if (read > MAX_ANSWER_BYTES) res.destroy();
        });
        res.on("error", () => {});
        resolve(res.statusCode ?? 0);
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}
