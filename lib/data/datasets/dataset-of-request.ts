import "server-only";
import type { RequestDetail } from "@/lib/schemas/request";
import type { RequestDataset } from "@/lib/schemas/dataset";
import { findDataset } from "@/lib/data/datasets/get-dataset";
import { metadataDiff } from "@/lib/data/datasets/apply-completed-request";

/**
 * What a request's page says about its dataset: a link once the dataset exists, and for
 * a CHANGE the difference it makes (what it changed once completed; what it would
 * change, against the dataset as it is now, while open).
 */
export async function datasetOfRequest(request: RequestDetail): Promise<RequestDataset | null> {
  const dataset = await findDataset(request.datasetName);
  if (!dataset || !dataset.requests.some((r) => r.number === request.number)) return null;
  if (request.requestType !== "CHANGE") return { name: dataset.name, changes: null };
  if (request.status === "COMPLETED") {
    const changes = dataset.history.filter((h) => h.request === request.number).map(({ field, oldValue, newValue }) => ({ field, oldValue, newValue }));
    return { name: dataset.name, changes, applied: true };
  }
  return { name: dataset.name, changes: metadataDiff(dataset, request), applied: false };
}
