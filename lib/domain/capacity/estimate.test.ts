import { describeMissing, estimateCapacity, readKeyCount, readNumber } from "@/lib/domain/capacity/estimate";
import { CAPACITY_MODEL, SERVICE_LIMITS } from "@/lib/domain/capacity/limits";

const complete = {
  estimatedSizeGb: 120,
  estimatedKeyCount: "500000000",
  readQps: 30_000,
  writeQps: 1_000,
  p99LatencyMs: 10,
  regions: ["us-east-1", "eu-west-1"],
};

describe("estimateCapacity", () => {
  it("computes storage with replication per region, shards, reads and writes", () => {
    const e = estimateCapacity(complete);
    const rf = CAPACITY_MODEL.replicationFactor;
    expect(e.missing).toEqual([]);
    expect(e.regions).toBe(2);
    expect(e.storage).toEqual({ perRegionGb: 120 * rf, totalGb: 120 * rf * 2 });
    // 120 GB / 50 GB → 3 shards; 30,000 reads / 20,000 → 2; 1,000 writes / 5,000 → 1.
    expect(e.shards).toEqual({ count: 3, forSize: 3, forReads: 2, forWrites: 1, drivenBy: "size" });
    expect(e.reads).toEqual({ perRegionQps: 30_000, providedQps: 3 * CAPACITY_MODEL.readQpsPerShard });
    expect(e.writes).toEqual({ perRegionQps: 1_000, replicaWritesPerRegion: 1_000 * rf, providedQps: 3 * CAPACITY_MODEL.writeQpsPerShard });
    expect(e.averageEntryBytes).toBeCloseTo(240);
    expect(e.warnings).toEqual([]);
  });

  it("says which need drives the shard count", () => {
    expect(estimateCapacity({ ...complete, estimatedSizeGb: 1, readQps: 90_000 }).shards).toMatchObject({ count: 5, drivenBy: "reads" });
    expect(estimateCapacity({ ...complete, estimatedSizeGb: 1, readQps: 0, writeQps: 12_000 }).shards).toMatchObject({ count: 3, drivenBy: "writes" });
    // Tiny datasets still need one shard.
    expect(estimateCapacity({ ...complete, estimatedSizeGb: 0.001, readQps: 0, writeQps: 0 }).shards?.count).toBe(1);
  });

  it("computes what it can from an empty or half-filled form and lists the rest", () => {
    const empty = estimateCapacity({});
    expect(empty).toMatchObject({ storage: null, shards: null, reads: null, writes: null, averageEntryBytes: null, warnings: [] });
    expect(empty.missing).toEqual(["estimatedSizeGb", "estimatedKeyCount", "readQps", "writeQps", "p99LatencyMs", "regions"]);

    const partial = estimateCapacity({ estimatedSizeGb: 100, regions: [] });
    expect(partial.storage).toBeNull(); // no region yet
    expect(partial.shards).toMatchObject({ count: 2, forReads: null, forWrites: null });
    expect(describeMissing(partial.missing)).toBe("Estimated key count, Peak read QPS, Peak write QPS, p99 latency target (ms), Regions");
  });

  it("treats what cannot be read as missing, never as zero", () => {
    const e = estimateCapacity({
      estimatedSizeGb: Number.NaN,
      estimatedKeyCount: "12abc",
      readQps: "",
      writeQps: -5,
      p99LatencyMs: 0,
      regions: "us-east-1",
    });
    expect(e.missing).toEqual(["estimatedSizeGb", "estimatedKeyCount", "readQps", "writeQps", "p99LatencyMs", "regions"]);
    expect(estimateCapacity({ estimatedSizeGb: 0 }).missing).toContain("estimatedSizeGb");
    expect(estimateCapacity({ estimatedSizeGb: Infinity }).shards).toBeNull();
  });

  it("reads numbers typed with separators, and key counts beyond 2^53 as strings", () => {
    expect(estimateCapacity({ ...complete, estimatedSizeGb: "1,200.5", readQps: "20 000" }).storage?.perRegionGb).toBeCloseTo(1200.5 * 3);
    const huge = estimateCapacity({ ...complete, estimatedKeyCount: "9223372036854775807" });
    expect(huge.missing).toEqual([]);
    expect(huge.averageEntryBytes).toBeGreaterThan(0);
    expect(huge.averageEntryBytes).toBeLessThan(1e-5);
    expect(estimateCapacity({ ...complete, estimatedKeyCount: BigInt("18000000000") }).averageEntryBytes).toBeCloseTo(120e9 / 18e9);
  });

  it("survives huge numbers without Infinity or NaN", () => {
    const e = estimateCapacity({ ...complete, estimatedSizeGb: 1e14, readQps: 1e14, writeQps: 1e14, regions: ["a", "b", "c", "d"] });
    for (const n of [e.storage!.totalGb, e.shards!.count, e.reads!.providedQps!, e.writes!.replicaWritesPerRegion]) expect(Number.isFinite(n)).toBe(true);
    expect(estimateCapacity({ ...complete, estimatedSizeGb: 1e300 }).missing).toContain("estimatedSizeGb");
  });

  it("warns when size, QPS, latency, shards or entry size fall outside the service's limits", () => {
    const within = estimateCapacity({
      ...complete,
      estimatedSizeGb: SERVICE_LIMITS.maxDatasetSizeGb,
      readQps: SERVICE_LIMITS.maxReadQps,
      writeQps: SERVICE_LIMITS.maxWriteQps,
      p99LatencyMs: SERVICE_LIMITS.minP99LatencyMs,
      estimatedKeyCount: "50000000000",
    });
    expect(within.warnings).toEqual([]);

    const outside = estimateCapacity({
      ...complete,
      estimatedSizeGb: SERVICE_LIMITS.maxDatasetSizeGb + 1,
      readQps: SERVICE_LIMITS.maxReadQps + 1,
      writeQps: SERVICE_LIMITS.maxWriteQps + 1,
      p99LatencyMs: SERVICE_LIMITS.minP99LatencyMs - 1,
      estimatedKeyCount: "1",
    });
    expect(outside.warnings.map((w) => w.field).sort()).toEqual(["estimatedKeyCount", "estimatedSizeGb", "p99LatencyMs", "readQps", "writeQps"]);
    // 60 TB needs 1,200 shards of 50 GB.
    expect(estimateCapacity({ ...complete, estimatedSizeGb: 60_000 }).warnings.map((w) => w.field)).toEqual(["estimatedSizeGb", "shards"]);
    expect(outside.warnings.find((w) => w.field === "estimatedSizeGb")?.message).toMatch(/50 TB limit/);
    expect(outside.warnings.find((w) => w.field === "p99LatencyMs")?.message).toMatch(/below what the service can promise \(5 ms\)/);
  });
});

describe("input readers", () => {
  it.each([
    [12, 12],
    ["12", 12],
    ["1_000", 1000],
    ["0.5", 0.5],
    ["", null],
    ["1e3", null],
    [null, null],
    [undefined, null],
    [-1, null],
    [Number.NaN, null],
  ])("readNumber(%p) → %p", (input, expected) => expect(readNumber(input)).toBe(expected));

  it.each([
    ["5000000000", 5e9],
    [42, 42],
    ["0", null],
    [1.5, null],
    ["-3", null],
    ["1".repeat(31), null],
  ])("readKeyCount(%p) → %p", (input, expected) => expect(readKeyCount(input)).toBe(expected));
});
