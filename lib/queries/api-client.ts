// fetch for the browser: JSON in and out, and the API's error envelope as an exception.
import type { ErrorBody, ErrorDetail } from "@/lib/api/errors";

export class ApiClientError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: ErrorDetail[] = [],
  ) {
    super(message);
    this.name = "ApiClientError";
  }
}

export async function apiFetch<T>(path: string, init: RequestInit & { json?: unknown } = {}): Promise<T> {
  const { json, headers, ...rest } = init;
  let res: Response;
  try {
    res = await fetch(path, {
      ...rest,
      headers: { Accept: "application/json", ...(json !== undefined ? { "Content-Type": "application/json" } : {}), ...headers },
      body: json !== undefined ? JSON.stringify(json) : rest.body,
    });
  } catch {
    throw new ApiClientError(0, "NETWORK", "Cannot reach the server. Check your connection and try again.");
  }
  const body: unknown = res.status === 204 ? null : await res.json().catch(() => null);
  if (!res.ok) {
    const error = (body as ErrorBody | null)?.error;
    throw new ApiClientError(res.status, error?.code ?? "HTTP_ERROR", error?.message ?? `Request failed (${res.status}).`, error?.details ?? []);
  }
  return body as T;
}
