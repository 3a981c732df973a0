// Calls the real route handlers with real Requests, as Next.js would.
import * as authRoute from "@/app/api/auth/[...all]/route";

export const BASE = "http://localhost:3000";

// `any` params: each route declares its own params shape.
type Handler = (req: Request, ctx: { params: Promise<any> }) => Promise<Response>;

export type CallOptions = {
  cookie?: string;
  /** An API token, sent as Authorization: Bearer. */
  token?: string;
  body?: unknown;
  /** The body as sent: text, or bytes (a file in some encoding). */
  rawBody?: string | Uint8Array;
  headers?: Record<string, string>;
  params?: Record<string, string>;
  signal?: AbortSignal;
  /** A never-ending response (server-sent events): take the status, leave the body. */
  streaming?: boolean;
};

export async function call(handler: Handler, method: string, path: string, options: CallOptions = {}) {
  // Like a browser on our own pages: changes carry the page's Origin.
  const headers: Record<string, string> = method === "GET" ? { ...options.headers } : { origin: BASE, ...options.headers };
  if (options.cookie) headers.cookie = options.cookie;
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  let body: BodyInit | undefined = options.rawBody as BodyInit | undefined;
  if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers["content-type"] ??= "application/json";
  }
  const req = new Request(`${BASE}${path}`, { method, headers, body, signal: options.signal });
  const res = await handler(req, { params: Promise.resolve(options.params ?? {}) });
  if (options.streaming && res.ok) {
    await res.body?.cancel();
    return { status: res.status, headers: res.headers, json: null as any };
  }
  const text = await res.text();
  let json: unknown = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = text;
  }
  return { status: res.status, headers: res.headers, json: json as any };
}

/** Signs in through better-auth's real endpoint; returns the Cookie header to send. */
export async function signIn(email: string, password: string): Promise<string> {
  const res = await authRoute.POST(
    new Request(`${BASE}/api/auth/sign-in/email`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: BASE },
      body: JSON.stringify({ email, password }),
    }),
  );
  if (res.status !== 200) throw new Error(`sign-in failed for ${email}: ${res.status} ${await res.text()}`);
  const cookies = res.headers.getSetCookie().map((c) => c.split(";")[0]);
  return cookies.join("; ");
}
