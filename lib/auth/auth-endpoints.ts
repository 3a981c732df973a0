// The part of better-auth's surface the app uses. Everything else it serves under
// /api/auth (update-user, change-password, list-sessions, delete-user, …) answers 404:
// update-user let anyone store a 10 MB display name or call themselves "Dana Admin".
// Requests reach better-auth only as JSON, the one encoding our pages send, so the
// per-account sign-in guard reads every attempt (better-auth also parses form bodies).
import "server-only";
import { ApiError } from "@/lib/api/errors";
import { CLIENT_ADDRESS_HEADER, clientAddress } from "@/lib/security/client-address";

const USED_ENDPOINTS: Record<string, readonly string[]> = {
  GET: ["/get-session"],
  POST: ["/sign-in/email", "/sign-out"],
};

const AUTH_BASE = "/api/auth";

export function withUsedEndpointsOnly(handler: (req: Request) => Promise<Response>) {
  return async (req: Request): Promise<Response> => {
    const path = new URL(req.url).pathname;
    const endpoint = path.startsWith(AUTH_BASE) ? path.slice(AUTH_BASE.length) : path;
    if (!USED_ENDPOINTS[req.method]?.includes(endpoint)) throw ApiError.notFound(`${req.method} ${path}`);
    if (req.method === "POST" && !/^application\/json\s*(;|$)/i.test(req.headers.get("content-type") ?? "")) {
      throw new ApiError("UNSUPPORTED_MEDIA_TYPE", "Send the body as JSON (Content-Type: application/json).");
    }
    return handler(withClientAddress(req));
  };
}

/** The request with the client's address (client-address.ts) where better-auth reads it, and nothing a client sent there. */
function withClientAddress(req: Request): Request {
  const headers = new Headers(req.headers);
  headers.delete(CLIENT_ADDRESS_HEADER);
  const address = clientAddress(req.headers);
  if (address) headers.set(CLIENT_ADDRESS_HEADER, address);
  return new Request(req, { headers });
}
