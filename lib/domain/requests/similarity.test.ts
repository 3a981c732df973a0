import {
  namePrefixes,
  nameSimilarity,
  nameStem,
  normalizeDatasetName,
  SIMILAR_NAME_THRESHOLD,
  sourceLocationVariants,
  typedNameSimilarity,
} from "@/lib/domain/requests/similarity";

describe("dataset name similarity", () => {
  it("normalizes names as typed", () => {
    expect(normalizeDatasetName("  Payments-User Profiles.V2 ")).toBe("payments_user_profiles_v2");
    expect(normalizeDatasetName("__a__b__")).toBe("a_b");
    expect(normalizeDatasetName("ÄÖ!")).toBe("");
  });

  it("strips copy suffixes to a stem, but never below three characters", () => {
    expect(nameStem("payments_profiles_v2")).toBe("payments_profiles");
    expect(nameStem("payments_profiles_x_x")).toBe("payments_profiles");
    expect(nameStem("feeds_counters_new_2")).toBe("feeds_counters");
    expect(nameStem("ab_v2")).toBe("ab_v2");
    expect(nameStem("user_versions")).toBe("user_versions");
  });

  it("probes the name as typed, then its stem's prefixes down to two tokens", () => {
    expect(namePrefixes("payments_user_profiles_eu")).toEqual(["payments_user_profiles_eu", "payments_user_profiles", "payments_user"]);
    expect(namePrefixes("payments_user_profiles_v4")).toEqual(["payments_user_profiles_v4", "payments_user_profiles", "payments_user"]);
    expect(namePrefixes("counters")).toEqual(["counters"]);
    expect(namePrefixes("ab")).toEqual([]);
  });

  it("counts a name that continues what is being typed as similar, once two tokens are typed", () => {
    expect(typedNameSimilarity("payments_us", "payments_user_profiles")).toBeGreaterThanOrEqual(SIMILAR_NAME_THRESHOLD);
    expect(typedNameSimilarity("payments", "payments_user_profiles")).toBeLessThan(SIMILAR_NAME_THRESHOLD);
  });

  it.each([
    ["payments_user_profiles", "payments_user_profiles_v2", true],
    ["payments_user_profiles_eu", "payments_user_profiles", true],
    ["ads_click_feat", "ads_click_features", true],
    ["payments_counters", "payments_sessions", false],
    ["payments_user_profiles", "payments_user_sessions", false],
    ["growth_embeddings", "maps_geo_tiles", false],
  ])("%s ~ %s: %p", (a, b, similar) => {
    expect(nameSimilarity(a, b) >= SIMILAR_NAME_THRESHOLD).toBe(similar);
    expect(nameSimilarity(a, b)).toBe(nameSimilarity(b, a));
  });
});

describe("source location variants", () => {
  it("matches with or without a trailing slash, as typed and lowercased", () => {
    expect(sourceLocationVariants(" s3://Bucket/path/ ").sort()).toEqual(
      ["s3://Bucket/path", "s3://Bucket/path/", "s3://bucket/path", "s3://bucket/path/"].sort(),
    );
    expect(sourceLocationVariants("db.table")).toEqual(["db.table", "db.table/"]);
    expect(sourceLocationVariants("  ")).toEqual([]);
  });
});
