// kvctl's HTTP client: JSON in and out, the API's error envelope as a CliError with the
// server's message and field details.
import type { ErrorBody, ErrorDetail } from "@/lib/api/errors";

/** Exit codes: 1 the server (or local validation) refused, 2 usage, 3 no connection (or, for ping, not ready). */
export const EXIT = { REFUSED: 1, USAGE: 2, UNREACHABLE: 3 } as const;

export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = EXIT.REFUSED,
    readonly details: ErrorDetail[] = [],
    readonly status?: number,
    readonly code?: string,
  ) {
    super(message);
  }
}

type CallInit = {
  json?: unknown;
  body?: BodyInit;
  contentType?: string;
  /** false: send no token (public endpoints). */
  auth?: boolean;
  /** Extra headers (Accept is JSON unless given here). */
  headers?: Record<string, string>;
  /** Replaces the default two-minute timeout (a stream that stays open needs its own). */
  signal?: AbortSignal;
  /** Resolve with error answers too, instead of throwing the API's error. */
  allowErrors?: boolean;
};

export type ApiClient = {
  url: string;
  request: (method: string, path: string, init?: CallInit) => Promise<Response>;
  json: <T>(method: string, path: string, init?: CallInit) => Promise<T>;
};

const TIMEOUT_MS = 120_000;

export function createClient(url: string, token: string | undefined, version: string): ApiClient {
  async function request(method: string, path: string, init: CallInit = {}) {
    if (init.auth !== false && !token) {
      throw new CliError(`Not signed in to ${url}. Create a token at ${url}/settings/tokens, then run \`kvctl login --token <token>\` (or set KVCTL_TOKEN).`);
    }
    const headers: Record<string, string> = { Accept: "application/json", "User-Agent": `kvctl/${version}`, ...init.headers };
    if (token && init.auth !== false) headers.Authorization = `Bearer ${token}`;
    let body = init.body;
    if (init.json !== undefined) {
      headers["Content-Type"] = "application/json";
      body = JSON.stringify(init.json);
    } else if (init.contentType) headers["Content-Type"] = init.contentType;
    let res: Response;
    try {
      res = await fetch(`${url}${path}`, { method, headers, body, signal: init.signal ?? AbortSignal.timeout(TIMEOUT_MS) });
    } catch (error) {
      if (init.signal?.aborted) throw error;
      const cause = (error as { cause?: { code?: string; message?: string } }).cause;
      const reason = (error as Error).name === "TimeoutError" ? "no answer in time" : (cause?.code ?? cause?.message ?? (error as Error).message);
      throw new CliError(`Cannot reach ${url} (${reason}). Is the server running? Set --url or KVCTL_URL.`, EXIT.UNREACHABLE);
    }
    if (!res.ok && !init.allowErrors) throw await toCliError(res);
    return res;
  }

  async function json<T>(method: string, path: string, init: CallInit = {}): Promise<T> {
    const res = await request(method, path, init);
    if (res.status === 204) return null as T;
    try {
      return (await res.json()) as T;
    } catch {
      throw new CliError(`The server at ${url} did not answer with JSON. Is --url the KVStore App?`);
    }
  }

  return { url, request, json };
}

export async function toCliError(res: Response): Promise<CliError> {
  let body: ErrorBody | null = null;
  try {
    body = (await res.json()) as ErrorBody;
  } catch {
    /* not our envelope */
  }
  const error = body?.error;
  if (!error?.message) {
    const message =
      res.status === 404 ? "The server has no such endpoint; is --url a KVStore App of this version?" : `The server answered ${res.status} ${res.statusText}.`;
    return new CliError(message, EXIT.REFUSED, [], res.status);
  }
  let message = error.message;
  if (res.status === 429 && res.headers.get("retry-after")) message += ` (retry after ${res.headers.get("retry-after")} s)`;
  return new CliError(message, EXIT.REFUSED, error.details ?? [], res.status, error.code);
}
