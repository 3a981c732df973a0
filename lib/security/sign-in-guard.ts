// Password guessing: better-auth limits sign-in attempts per client address, but an
// address is easy to change (and X-Forwarded-For easy to forge), so failures are also
// counted per account. After too many wrong passwords for one email, that email must
// wait, whatever address the attempts come from, and whichever instance they reach.
import "server-only";
import { errorBody } from "@/lib/api/errors";
import { rateLimiter } from "@/lib/api/rate-limit";

const failuresPerEmail = () => rateLimiter("sign_in_failures", 10, 15 * 60);

export function withSignInGuard(handler: (req: Request) => Promise<Response>) {
  return async (req: Request): Promise<Response> => {
    if (!new URL(req.url).pathname.endsWith("/sign-in/email")) return handler(req);
    const body = (await req
      .clone()
      .json()
      .catch(() => null)) as { email?: unknown } | null;
    const email = typeof body?.email === "string" ? body.email.trim().toLowerCase() : "";
    const wait = email ? await failuresPerEmail().waitFor(email) : 0;
    if (wait > 0) {
      return Response.json(errorBody("RATE_LIMITED", "Too many wrong passwords for this account. Wait, then try again."), {
        status: 429,
        headers: { "Retry-After": String(wait) },
      });
    }
    const res = await handler(req);
    if (email && res.status === 401) await failuresPerEmail().hit(email);
    return res;
  };
}
