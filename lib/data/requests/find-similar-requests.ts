import "server-only";
import { db } from "@/lib/db";
import { formatRequestNumber, parseRequestNumber, RELEASED_STATUSES } from "@/lib/domain/requests/options";
import { namePrefixes, normalizeDatasetName, SIMILAR_NAME_THRESHOLD, sourceLocationVariants, typedNameSimilarity } from "@/lib/domain/requests/similarity";
import type { SimilarRequest, SimilarRequestsQuery, SimilarRequestsResponse } from "@/lib/schemas/similar";

/** Rows each prefix probe reads, and matches returned per kind. */
const PROBE_LIMIT = 10;
const MAX_NAME_MATCHES = 5;
const MAX_LOCATION_MATCHES = 5;
/** Above every character a dataset name may hold: [prefix, prefix + HIGH) is "starts with prefix". */
const HIGH = "\uffff";

const select = { number: true, datasetName: true, status: true, ownerTeam: true, sourceLocation: true } as const;
type Row = { number: number; datasetName: string; status: string; ownerTeam: string; sourceLocation: string | null };

const toItem = (row: Row, match: SimilarRequest["match"]): SimilarRequest => ({
  number: formatRequestNumber(row.number),
  datasetName: row.datasetName,
  status: row.status as SimilarRequest["status"],
  ownerTeam: row.ownerTeam,
  sourceLocation: row.sourceLocation,
  match,
});

/**
 * Live requests (existing datasets and open requests; not rejected or cancelled) that
 * may duplicate one being written: the same or a similar dataset name, or the same
 * source location. Every lookup is an index probe, so this stays fast at any size:
 *
 * - names: an equality lookup of the name, then a few range scans, one per prefix of
 *   namePrefixes (at most PROBE_LIMIT rows each), all on the unique index of
 *   liveDatasetName, which holds only live requests; candidates are ranked by
 *   typedNameSimilarity;
 * - locations: an IN (...) lookup of the spellings of the location on the
 *   sourceLocation index.
 */
export async function findSimilarRequests(query: SimilarRequestsQuery): Promise<SimilarRequestsResponse> {
  const exclude = query.exclude ? parseRequestNumber(query.exclude) : null;
  const notExcluded = exclude !== null ? { number: { not: exclude } } : {};
  const name = query.name ? normalizeDatasetName(query.name) : "";
  const locations = query.location ? sourceLocationVariants(query.location) : [];

  const [nameRows, locationRows] = await Promise.all([
    name.length >= 3
      ? Promise.all([
          db.datasetRequest.findMany({ where: { liveDatasetName: name, ...notExcluded }, select }),
          ...namePrefixes(name).map((prefix) =>
            db.datasetRequest.findMany({
              where: { liveDatasetName: { gte: prefix, lt: prefix + HIGH }, ...notExcluded },
              select,
              orderBy: { liveDatasetName: "asc" },
              take: PROBE_LIMIT,
            }),
          ),
        ]).then((groups) => groups.flat())
      : Promise.resolve([]),
    locations.length
      ? db.datasetRequest.findMany({
          where: { sourceLocation: { in: locations }, status: { notIn: [...RELEASED_STATUSES] }, ...notExcluded },
          select,
          orderBy: { number: "desc" },
          take: MAX_LOCATION_MATCHES,
        })
      : Promise.resolve([]),
  ]);

  const byNumber = new Map<number, { row: Row; score: number }>();
  for (const row of nameRows) byNumber.set(row.number, { row, score: row.datasetName === name ? 2 : typedNameSimilarity(name, row.datasetName) });
  const names = [...byNumber.values()]
    .filter((c) => c.score >= SIMILAR_NAME_THRESHOLD)
    .sort((a, b) => b.score - a.score || b.row.number - a.row.number)
    .slice(0, MAX_NAME_MATCHES)
    .map((c) => toItem(c.row, c.row.datasetName === name ? "sameName" : "similarName"));

  return { items: [...names, ...locationRows.map((row) => toItem(row, "sameLocation"))] };
}
