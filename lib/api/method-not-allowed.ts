// Next.js answers a method that a route does not export with an empty 405. Each route
// exports these for the methods it does not serve, so the answer is the app's one error
// envelope and names the methods that work (Allow).
import { errorBody } from "@/lib/api/errors";

const HTTP_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];
type Handler = (req: Request) => Promise<Response>;

/** Marks the handlers below, so tests that walk the routes' exports can tell them apart. */
export const REFUSES_METHOD = Symbol.for("kvstore.refusesMethod");

export function refuseOtherMethods(...allowed: HttpMethod[]): Record<HttpMethod, Handler> {
  const allow = [...allowed, ...(allowed.includes("GET") ? ["HEAD"] : []), "OPTIONS"].join(", ");
  const refuse: Handler = async (req) =>
    Response.json(errorBody("METHOD_NOT_ALLOWED", `${req.method} is not allowed here; use ${allowed.join(" or ")}.`), {
      status: 405,
      headers: { Allow: allow },
    });
  Object.assign(refuse, { [REFUSES_METHOD]: true });
  return Object.fromEntries(HTTP_METHODS.map((m) => [m, refuse])) as Record<HttpMethod, Handler>;
}
