// The capacity a dataset needs, from the request's size, key count, traffic, latency
// target and regions, by the model in ./limits.ts (documented in the README). Pure and
// client-safe: the form runs it on every keystroke, so it accepts half-typed input
// (empty, text, NaN, digit strings with separators, huge numbers) and computes what it
// can, listing the fields it still needs.
import { FIELD_LABELS } from "@/lib/domain/requests/field-labels";
import { formatBytes, formatCount, formatStorage } from "@/lib/format/units";
import { CAPACITY_MODEL, SERVICE_LIMITS } from "@/lib/domain/capacity/limits";

type CapacityField = "estimatedSizeGb" | "estimatedKeyCount" | "readQps" | "writeQps" | "p99LatencyMs" | "regions";

/** The request fields the estimate reads, as typed so far (form values or a stored request). */
type CapacityInput = Partial<Record<CapacityField, unknown>>;

type CapacityWarning = { field: CapacityField | "shards"; message: string };

export type CapacityEstimate = {
  /** Regions chosen (each holds a full, replicated copy). */
  regions: number | null;
  storage: { perRegionGb: number; totalGb: number } | null;
  /** Shards per region: enough for the data, the reads and the writes, whichever needs most. */
  shards: { count: number; forSize: number; forReads: number | null; forWrites: number | null; drivenBy: "size" | "reads" | "writes" } | null;
  /** Reads each region must serve (any region may take all traffic on failover) and what the shards provide. */
  reads: { perRegionQps: number; providedQps: number | null } | null;
  /** Client writes and the replica writes they cause in each region. */
  writes: { perRegionQps: number; replicaWritesPerRegion: number; providedQps: number | null } | null;
  /** Average stored bytes per key (size ÷ key count). */
  averageEntryBytes: number | null;
  warnings: CapacityWarning[];
  /** Fields still empty or unreadable, in form order. */
  missing: CapacityField[];
};

/** Inputs past this are typos, not plans; they are treated as unreadable. */
const MAX_INPUT = 1e15;

/** A non-negative finite number from a form value: 1200, "1200", "1,200", "1 200.5". */
export function readNumber(value: unknown): number | null {
  let n: number;
  if (typeof value === "number") n = value;
  else if (typeof value === "bigint") n = Number(value);
  else if (typeof value === "string") {
    const cleaned = value.replace(/[\s,_]/g, "");
    if (!/^\d+(?:\.\d+)?$/.test(cleaned)) return null;
    n = Number(cleaned);
  } else return null;
  return Number.isFinite(n) && n >= 0 && n <= MAX_INPUT ? n : null;
}

/** A key count > 0 from a number, a bigint or a digit string of any length (beyond 2^53 too). */
export function readKeyCount(value: unknown): number | null {
  let big: bigint;
  try {
    if (typeof value === "bigint") big = value;
    else if (typeof value === "number") {
      if (!Number.isSafeInteger(value)) return null;
      big = BigInt(value);
    } else if (typeof value === "string") {
      const cleaned = value.replace(/[\s,_]/g, "");
      if (!/^\d{1,30}$/.test(cleaned)) return null;
      big = BigInt(cleaned);
    } else return null;
  } catch {
    return null;
  }
  // The estimate needs a ratio, not exact digits: a double is precise enough.
  return big > BigInt(0) ? Number(big) : null;
}

function readRegions(value: unknown): number | null {
  if (!Array.isArray(value)) return null;
  const distinct = new Set(value.filter((r) => typeof r === "string" && r !== ""));
  return distinct.size > 0 ? distinct.size : null;
}

const ceilAtLeastOne = (n: number) => Math.max(1, Math.ceil(n));

export function estimateCapacity(input: CapacityInput): CapacityEstimate {
  const { replicationFactor, shardSizeGb, readQpsPerShard, writeQpsPerShard } = CAPACITY_MODEL;
  const size = readNumber(input.estimatedSizeGb);
  const sizeGb = size !== null && size > 0 ? size : null;
  const keys = readKeyCount(input.estimatedKeyCount);
  const readQps = readNumber(input.readQps);
  const writeQps = readNumber(input.writeQps);
  const latency = readNumber(input.p99LatencyMs);
  const regions = readRegions(input.regions);

  const missing: CapacityField[] = [];
  if (sizeGb === null) missing.push("estimatedSizeGb");
  if (keys === null) missing.push("estimatedKeyCount");
  if (readQps === null) missing.push("readQps");
  if (writeQps === null) missing.push("writeQps");
  if (latency === null || latency < 1) missing.push("p99LatencyMs");
  if (regions === null) missing.push("regions");

  const storage = sizeGb !== null && regions !== null ? { perRegionGb: sizeGb * replicationFactor, totalGb: sizeGb * replicationFactor * regions } : null;

  let shards: CapacityEstimate["shards"] = null;
  if (sizeGb !== null) {
    const forSize = ceilAtLeastOne(sizeGb / shardSizeGb);
    const forReads = readQps !== null ? ceilAtLeastOne(readQps / readQpsPerShard) : null;
    const forWrites = writeQps !== null ? ceilAtLeastOne(writeQps / writeQpsPerShard) : null;
    const count = Math.max(forSize, forReads ?? 0, forWrites ?? 0);
    const drivenBy = count === forSize ? "size" : count === forReads ? "reads" : "writes";
    shards = { count, forSize, forReads, forWrites, drivenBy };
  }

  const reads = readQps !== null ? { perRegionQps: readQps, providedQps: shards ? shards.count * readQpsPerShard : null } : null;
  const writes =
    writeQps !== null
      ? {
          perRegionQps: writeQps,
          replicaWritesPerRegion: writeQps * replicationFactor,
          providedQps: shards ? shards.count * writeQpsPerShard : null,
        }
      : null;
  const averageEntryBytes = sizeGb !== null && keys !== null ? (sizeGb * 1e9) / keys : null;

  const warnings: CapacityWarning[] = [];
  const L = SERVICE_LIMITS;
  if (sizeGb !== null && sizeGb > L.maxDatasetSizeGb)
    warnings.push({
      field: "estimatedSizeGb",
      message: `${formatStorage(sizeGb)} is over the service's ${formatStorage(L.maxDatasetSizeGb)} limit per dataset: consider splitting it; the storage team will plan it with you.`,
    });
  if (readQps !== null && readQps > L.maxReadQps)
    warnings.push({ field: "readQps", message: `${formatCount(readQps)} reads/s is over the service's limit of ${formatCount(L.maxReadQps)} per region.` });
  if (writeQps !== null && writeQps > L.maxWriteQps)
    warnings.push({ field: "writeQps", message: `${formatCount(writeQps)} writes/s is over the service's limit of ${formatCount(L.maxWriteQps)} per region.` });
  if (latency !== null && latency >= 1 && latency < L.minP99LatencyMs)
    warnings.push({
      field: "p99LatencyMs",
      message: `A p99 of ${formatCount(latency)} ms is below what the service can promise (${L.minP99LatencyMs} ms); consider a cache in front of it.`,
    });
  if (shards && shards.count > L.maxShards)
    warnings.push({ field: "shards", message: `${formatCount(shards.count)} shards is over the service's limit of ${formatCount(L.maxShards)} per dataset.` });
  if (averageEntryBytes !== null && averageEntryBytes > L.maxValueBytes)
    warnings.push({
      field: "estimatedKeyCount",
      message: `That is ${formatBytes(averageEntryBytes)} per key on average, over the ${formatBytes(L.maxValueBytes)} largest value: check the size and key count.`,
    });

  return { regions, storage, shards, reads, writes, averageEntryBytes, warnings, missing };
}

/** "Estimated size (GB), Regions" — what to fill in before the estimate is complete. */
export function describeMissing(missing: CapacityField[]): string {
  return missing.map((f) => FIELD_LABELS[f]).join(", ");
}
