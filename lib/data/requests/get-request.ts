import "server-only";
import { db } from "@/lib/db";
import { ApiError } from "@/lib/api/errors";
import { formatRequestNumber, parseRequestNumber, RELEASED_STATUSES } from "@/lib/domain/requests/options";
import { DATASET_NAME_PATTERN, type RequestDetail } from "@/lib/schemas/request";
import { detailInclude, toDetail } from "@/lib/data/requests/request-dto";

/** One request with its history and comments, by "KV-12" or "12". Every signed-in user may read it. */
export async function getRequestByNumber(rawNumber: string): Promise<RequestDetail> {
  const number = parseRequestNumber(rawNumber);
  if (number === null) throw ApiError.notFound(`Request ${rawNumber}`);
  const row = await db.datasetRequest.findUnique({ where: { number }, include: detailInclude });
  if (!row) throw ApiError.notFound(`Request ${formatRequestNumber(number)}`);
  return toDetail(row);
}

/**
 * The dataset's current metadata: its live request (not rejected or cancelled). The
 * dataset page passes includeRetired so a link to a retired name still shows its
 * latest request; tooling gets 404 for a name that is not live.
 */
export async function getRequestByDatasetName(
  datasetName: string,
  { includeRetired = false }: { includeRetired?: boolean } = {},
): Promise<RequestDetail> {
  // A name no request could have (bad characters, lone surrogates…) is simply not found.
  if (!DATASET_NAME_PATTERN.test(datasetName)) throw ApiError.notFound(`A live dataset named ${datasetName.slice(0, 63)}`);
  const live = await db.datasetRequest.findUnique({ where: { liveDatasetName: datasetName }, include: detailInclude });
  const row =
    live ??
    (includeRetired
      ? await db.datasetRequest.findFirst({
          where: { datasetName, status: { in: [...RELEASED_STATUSES] } },
          orderBy: { number: "desc" },
          include: detailInclude,
        })
      : null);
  if (!row) throw ApiError.notFound(`A live dataset named ${datasetName}`);
  return toDetail(row);
}
