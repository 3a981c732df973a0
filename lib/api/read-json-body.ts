// Reads request bodies with the limits of PRODUCT.md: JSON only (415), at most 64 KB
// counted in bytes as they arrive (413), well-formed (400). The bulk import reads CSV
// or JSON files through readBodyText with its own, larger limit.
import { ApiError } from "@/lib/api/errors";

export const MAX_BODY_BYTES = 64 * 1024;

const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i;

/** The media type of a request without parameters ("text/csv; charset=utf-8" → "text/csv"). */
export function mediaType(req: Request): string {
  return (req.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
}

export function isJsonType(req: Request): boolean {
  return JSON_TYPE.test(req.headers.get("content-type") ?? "");
}

/** The body as UTF-8 text, refused with 413 as soon as it passes maxBytes. */
async function readBodyText(req: Request, maxBytes: number): Promise<string> {
  return new TextDecoder("utf-8", { fatal: false }).decode(await readBodyBytes(req, maxBytes));
}

/** The body's bytes, refused with 413 as soon as they pass maxBytes. */
export async function readBodyBytes(req: Request, maxBytes: number): Promise<Buffer> {
  const declared = Number(req.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge(maxBytes);

  const chunks: Uint8Array[] = [];
  let size = 0;
  if (req.body) {
    const reader = req.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) {
        await reader.cancel();
        throw tooLarge(maxBytes);
      }
      chunks.push(value);
    }
  }
  return Buffer.concat(chunks);
}

function parseJsonText(text: string, what = "The request body", expected = "a JSON object"): unknown {
  if (text.trim() === "") throw new ApiError("BAD_REQUEST", `${what} is empty; send ${expected}.`);
  try {
    return JSON.parse(text);
  } catch {
    throw new ApiError("BAD_REQUEST", `${what} is not valid JSON.`);
  }
}

export async function readJsonBody(req: Request): Promise<unknown> {
  if (!isJsonType(req)) {
    throw new ApiError("UNSUPPORTED_MEDIA_TYPE", "Send the body as JSON with Content-Type: application/json.");
  }
  return parseJsonText(await readBodyText(req, MAX_BODY_BYTES));
}

export function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${bytes / (1024 * 1024)} MB` : `${bytes / 1024} KB`;
}

function tooLarge(maxBytes: number) {
  return new ApiError("PAYLOAD_TOO_LARGE", `The request body is over ${formatBytes(maxBytes)}.`);
}
