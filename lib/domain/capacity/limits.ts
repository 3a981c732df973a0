// The KVStore service's capacity model and limits: the one place to change them. The
// form's live estimate, the dataset page and the README all read these numbers.
// Client-safe: plain constants.

/** How the service lays out a dataset. */
export const CAPACITY_MODEL = {
  /** Copies of every shard kept in each region. */
  replicationFactor: 3,
  /** A shard holds at most this much data (one copy, before replication). */
  shardSizeGb: 50,
  /** Reads per second one shard serves in one region (spread over its replicas). */
  readQpsPerShard: 20_000,
  /** Writes per second one shard accepts in one region (each goes to every replica). */
  writeQpsPerShard: 5_000,
} as const;

/**
 * What one dataset may ask of the service before the storage team must plan it by
 * hand. Going past one is allowed in the form (the request still goes in) but shows a
 * warning, and the storage team will talk to the requester.
 */
export const SERVICE_LIMITS = {
  /** Data per dataset, one copy (50 TB). */
  maxDatasetSizeGb: 50_000,
  /** Peak reads per second per region. */
  maxReadQps: 1_000_000,
  /** Peak writes per second per region. */
  maxWriteQps: 200_000,
  /** The lowest p99 read latency the service can promise. */
  minP99LatencyMs: 5,
  /** Shards per dataset. */
  maxShards: 1_024,
  /** Largest single value the service stores; a larger average entry cannot fit. */
  maxValueBytes: 1_000_000,
} as const;
