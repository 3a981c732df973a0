// Uploading an import file with progress (fetch cannot report upload progress; XHR can).
import { ApiClientError } from "@/lib/queries/api-client";
import type { ErrorBody } from "@/lib/api/errors";
import type { ImportMode, ImportReport } from "@/lib/schemas/import";

export type UploadProgress = { phase: "uploading"; fraction: number } | { phase: "processing" };

/** The content type the API expects for a file, from its name (browsers label CSV files inconsistently). */
function importContentType(file: File): string {
  return /\.json$/i.test(file.name) || file.type === "application/json" ? "application/json" : "text/csv";
}

export function uploadImport(file: File, mode: ImportMode, onProgress: (p: UploadProgress) => void, signal?: AbortSignal): Promise<ImportReport> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", `/api/requests/import?mode=${mode}`);
    xhr.setRequestHeader("Content-Type", importContentType(file));
    xhr.setRequestHeader("Accept", "application/json");
    xhr.responseType = "text";
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress({ phase: "uploading", fraction: e.loaded / e.total });
    };
    xhr.upload.onload = () => onProgress({ phase: "processing" });
    xhr.onerror = () => reject(new ApiClientError(0, "NETWORK", "Cannot reach the server. Check your connection and try again."));
    xhr.onabort = () => reject(new ApiClientError(0, "ABORTED", "The upload was cancelled."));
    xhr.onload = () => {
      let body: unknown = null;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        /* not JSON: handled below */
      }
      if (xhr.status >= 200 && xhr.status < 300 && body) return resolve(body as ImportReport);
      const error = (body as ErrorBody | null)?.error;
      reject(new ApiClientError(xhr.status, error?.code ?? "HTTP_ERROR", error?.message ?? `The import failed (${xhr.status}).`, error?.details ?? []));
    };
    signal?.addEventListener("abort", () => xhr.abort());
    onProgress({ phase: "uploading", fraction: 0 });
    xhr.send(file);
  });
}
