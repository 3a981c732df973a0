// Stamps what Next.js hides from route handlers on every incoming request, as headers
// (raw-request-headers.ts), replacing whatever a client sent under those names:
// - the connection's own address: Next keeps a client's X-Forwarded-For as sent (it fills
//   it in only when absent), so without this no handler could tell a forged forwarded
//   address from a real one (client-address.ts);
// - the query string as sent: Next parses it into a plain object and rebuilds the URL,
//   which silently drops a "__proto__" key that the app's strict schemas would refuse.
// Installed once at server start by instrumentation.ts: it wraps http.Server's emit of
// the "request" event, the one point every request passes before Next's handler. The
// same point gives every request its id and context, and its log line and metrics when
// the response closes (lib/observability/request-log.ts).
import http from "node:http";
import { PEER_HEADER, RAW_QUERY_HEADER } from "@/lib/security/raw-request-headers";
import { observeRequest } from "@/lib/observability/request-log";

const INSTALLED = Symbol.for("kvstore.stampRawRequest");

/** Installs the hook (once); the function returned removes it again (tests). */
export function stampRawRequests(): () => void {
  const proto = http.Server.prototype as unknown as Record<symbol, boolean> & { emit: (event: string, ...args: unknown[]) => boolean };
  if (proto[INSTALLED]) return () => {};
  proto[INSTALLED] = true;
  const emit = proto.emit;
  proto.emit = function (this: http.Server, event: string, ...args: unknown[]) {
    if (event === "request") {
      const req = args[0] as http.IncomingMessage;
      req.headers[PEER_HEADER] = req.socket?.remoteAddress ?? "";
      const url = req.url ?? "";
      const query = url.indexOf("?");
      req.headers[RAW_QUERY_HEADER] = query === -1 ? "" : url.slice(query + 1);
      return observeRequest(req, args[1] as http.ServerResponse, () => emit.call(this, event, ...args));
    }
    return emit.call(this, event, ...args);
  };
  return () => {
    proto.emit = emit;
    proto[INSTALLED] = false;
  };
}
