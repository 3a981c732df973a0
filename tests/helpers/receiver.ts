// A real HTTP receiver on loopback for webhook and Slack tests: records every request
// (headers and raw body) and answers as the test says (a status, or no answer at all).
import http from "node:http";
import type { AddressInfo } from "node:net";

export type Received = { headers: http.IncomingHttpHeaders; body: string; path: string; at: number };
/** A status code to answer with, or "hang": read the request and never answer. */
export type Answer = number | "hang";

export type Receiver = {
  url: string;
  received: Received[];
  /** Answers for the next requests, in order; after them, `fallback`. */
  answers: Answer[];
  fallback: Answer;
  /** Decides for one request before `answers` (undefined: no opinion). */
  respond?: (got: Received) => Answer | undefined;
  close: () => Promise<void>;
};

export async function startReceiver(port: number, path = "/hook"): Promise<Receiver> {
  const open = new Set<http.ServerResponse>();
  const receiver: Receiver = { url: "", received: [], answers: [], fallback: 204, close: async () => {} };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const got = { headers: req.headers, body: Buffer.concat(chunks).toString("utf8"), path: req.url ?? "", at: Date.now() };
      receiver.received.push(got);
      const answer = receiver.respond?.(got) ?? (receiver.answers.length ? receiver.answers.shift()! : receiver.fallback);
      if (answer === "hang") {
        open.add(res);
        return;
      }
      res.writeHead(answer).end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", resolve);
  });
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}${path}`;
  receiver.close = () =>
    new Promise<void>((resolve) => {
      for (const res of open) res.destroy();
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return receiver;
}

/** Each delivery once, by its KVStore-Delivery header, in the order first received: what a de-duplicating receiver keeps. */
export function deduplicated(received: Received[]): Received[] {
  const seen = new Set<string>();
  return received.filter((r) => {
    const id = String(r.headers["kvstore-delivery"]);
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}
