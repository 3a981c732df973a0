// The part of better-auth's surface the app uses. Everything else it serves under
// /api/auth (update-user, change-password, list-sessions, delete-user, …) answers 404:
// update-user let anyone store a 10 MB display name or call themselves "Dana Admin".
// Requests reach better-auth only as JSON, the one encoding our pages send, so the
// per-account sign-in guard reads every attempt (better-auth also parses form bodies).
//
// Company sign-in (when OIDC is configured) adds two endpoints of our own naming, which
// hand over to better-auth's generic ones for provider "oidc" only:
// - POST /sign-in/oauth2 { providerId: "oidc", callbackURL? } → /sign-in/social, with the
//   callback URL a path on this site and errors sent back to /signin;
// - GET /oauth2/callback/oidc (the redirect URI registered at the provider) → /callback/oidc,
//   inside oidcSignInScope; whatever goes wrong there ends on /signin?error=<code>, never
//   on a JSON error page or a stack trace.
import "server-only";
import { ApiError } from "@/lib/api/errors";
import { CLIENT_ADDRESS_HEADER, clientAddress } from "@/lib/security/client-address";
import { OIDC_CALLBACK_PATH, OIDC_PROVIDER_ID, oidcConfig, passwordSignInEnabled } from "@/lib/auth/oidc-config";
import { oidcSignInScope } from "@/lib/auth/oidc-sign-in";
import { safeNextPath } from "@/lib/auth/safe-next-path";

const OIDC_SIGN_IN = "/sign-in/oauth2";

function usedEndpoints(): Record<string, readonly string[]> {
  const sso = oidcConfig() !== null;
  return {
    GET: ["/get-session", ...(sso ? [OIDC_CALLBACK_PATH] : [])],
    POST: ["/sign-in/email", "/sign-out", ...(sso ? [OIDC_SIGN_IN] : [])],
  };
}

const AUTH_BASE = "/api/auth";

export function withUsedEndpointsOnly(handler: (req: Request) => Promise<Response>) {
  return async (req: Request): Promise<Response> => {
    const path = new URL(req.url).pathname;
    const endpoint = path.startsWith(AUTH_BASE) ? path.slice(AUTH_BASE.length) : path;
    if (!usedEndpoints()[req.method]?.includes(endpoint)) throw ApiError.notFound(`${req.method} ${path}`);
    if (endpoint === "/sign-in/email" && !passwordSignInEnabled()) {
      throw ApiError.forbidden("Password sign-in is turned off here: sign in through your company's identity provider.");
    }
    if (req.method === "POST" && !/^application\/json\s*(;|$)/i.test(req.headers.get("content-type") ?? "")) {
      throw new ApiError("UNSUPPORTED_MEDIA_TYPE", "Send the body as JSON (Content-Type: application/json).");
    }
    if (endpoint === OIDC_SIGN_IN) return handler(withClientAddress(await toSocialSignIn(req)));
    if (endpoint === OIDC_CALLBACK_PATH) return providerCallback(handler, withClientAddress(req));
    return handler(withClientAddress(req));
  };
}

/** POST /sign-in/oauth2 as better-auth's /sign-in/social: provider "oidc", back to a path on this site. */
async function toSocialSignIn(req: Request): Promise<Request> {
  const body = (await req.json().catch(() => null)) as { providerId?: unknown; callbackURL?: unknown } | null;
  if (body === null || typeof body !== "object" || Array.isArray(body)) throw new ApiError("BAD_REQUEST", "Send a JSON object: { providerId, callbackURL? }.");
  const unknown = Object.keys(body).filter((key) => key !== "providerId" && key !== "callbackURL");
  if (body.providerId !== OIDC_PROVIDER_ID || unknown.length > 0 || (body.callbackURL !== undefined && typeof body.callbackURL !== "string")) {
    throw new ApiError("VALIDATION_FAILED", 'The body must be { providerId: "oidc", callbackURL?: string }.', [
      ...(body.providerId !== OIDC_PROVIDER_ID ? [{ path: "providerId", message: 'The only provider is "oidc"' }] : []),
      ...unknown.map((key) => ({ path: key, message: "Unknown field" })),
    ]);
  }
  const next = safeNextPath(typeof body.callbackURL === "string" ? body.callbackURL : undefined);
  const url = new URL(req.url);
  url.pathname = `${AUTH_BASE}/sign-in/social`;
  const headers = new Headers(req.headers);
  headers.delete("content-length");
  return new Request(url, {
    method: "POST",
    headers,
    body: JSON.stringify({
      provider: OIDC_PROVIDER_ID,
      callbackURL: next,
      errorCallbackURL: next === "/requests" ? "/signin" : `/signin?next=${encodeURIComponent(next)}`,
      disableRedirect: true,
    }),
  });
}

/** The provider's redirect to us, answered by better-auth's callback; any error answer becomes /signin?error=<code>. */
async function providerCallback(handler: (req: Request) => Promise<Response>, req: Request): Promise<Response> {
  const url = new URL(req.url);
  url.pathname = `${AUTH_BASE}/callback/${OIDC_PROVIDER_ID}`;
  let res: Response;
  try {
    res = await oidcSignInScope.run({}, () => handler(new Request(url, { method: "GET", headers: req.headers })));
  } catch {
    return toSignIn("sign_in_failed");
  }
  if (res.status >= 300 && res.status < 400) return res;
  const body = (await res.json().catch(() => null)) as { code?: unknown } | null;
  const code = typeof body?.code === "string" && /^[A-Za-z_]{1,60}$/.test(body.code) ? body.code.toLowerCase() : "sign_in_failed";
  const answer = toSignIn(code);
  // Keep better-auth's cookie changes (its state cookie is spent), never a session.
  for (const cookie of res.headers.getSetCookie()) if (!/session_token=/.test(cookie)) answer.headers.append("Set-Cookie", cookie);
  return answer;
}

function toSignIn(code: string): Response {
  return new Response(null, { status: 302, headers: { Location: `/signin?error=${encodeURIComponent(code)}`, "Cache-Control": "no-store" } });
}

/** The request with the client's address (client-address.ts) where better-auth reads it, and nothing a client sent there. */
function withClientAddress(req: Request): Request {
  const headers = new Headers(req.headers);
  headers.delete(CLIENT_ADDRESS_HEADER);
  const address = clientAddress(req.headers);
  if (address) headers.set(CLIENT_ADDRESS_HEADER, address);
  return new Request(req, { headers });
}
