import "server-only";
import { ApiError } from "@/lib/api/errors";
import { formatRequestNumber, parseRequestNumber } from "@/lib/domain/requests/options";
import { DATASET_NAME_PATTERN, type RequestDetail } from "@/lib/schemas/request";
import { readDetailByDatasetName, readDetailByNumber } from "@/lib/data/requests/detail-query";

/** One request with its history and comments, by "KV-12" or "12". Every signed-in user may read it. Read on the read connection (detail-query.ts). */
export async function getRequestByNumber(rawNumber: string): Promise<RequestDetail> {
  const number = parseRequestNumber(rawNumber);
  if (number === null) throw ApiError.notFound(`Request ${rawNumber}`);
  const found = await readDetailByNumber(number);
  if (!found) throw ApiError.notFound(`Request ${formatRequestNumber(number)}`);
  return found;
}

/**
 * The dataset's current metadata: its live request (not rejected or cancelled). The
 * dataset page passes includeRetired so a link to a retired name still shows its
 * latest request; tooling gets 404 for a name that is not live.
 */
export async function getRequestByDatasetName(datasetName: string, { includeRetired = false }: { includeRetired?: boolean } = {}): Promise<RequestDetail> {
  // A name no request could have (bad characters, lone surrogates…) is simply not found.
  if (!DATASET_NAME_PATTERN.test(datasetName)) throw ApiError.notFound(`A live dataset named ${datasetName.slice(0, 63)}`);
  const found = await readDetailByDatasetName(datasetName, includeRetired);
  if (!found) throw ApiError.notFound(`A live dataset named ${datasetName}`);
  return found;
}
