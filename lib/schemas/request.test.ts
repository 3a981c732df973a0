import { createRequestBodySchema, earliestCurrentDate, listRequestsQuerySchema, type CreateRequestInput } from "@/lib/schemas/request";
import { validRequest } from "@/lib/schemas/valid-request.fixture";

const valid: CreateRequestInput = validRequest;

/** The problems zod reports, as "path: message" lines. */
function problems(input: unknown): Record<string, string> {
  const result = createRequestBodySchema.safeParse(input);
  if (result.success) return {};
  return Object.fromEntries(result.error.issues.map((i) => [i.path.join(".") || "(root)", i.message]));
}

describe("createRequestBodySchema", () => {
  it("accepts a complete request and fills defaults", () => {
    const parsed = createRequestBodySchema.parse(valid);
    expect(parsed.priority).toBe("MEDIUM");
    expect(parsed.keyExample).toBeNull();
    expect(parsed.ttlDays).toBeNull();
    expect(parsed.estimatedKeyCount).toBe("1000");
  });

  it("names every missing required field with its label", () => {
    const found = problems({});
    expect(found.datasetName).toBe("Dataset name is required: 3–63 lowercase letters, digits and _, starting with a letter");
    expect(found.ownerTeam).toBe("Owner team is required: the team that owns the data, 2–80 characters");
    expect(found.regions).toBe("Regions: choose at least one of us-east-1, us-west-2, eu-west-1, ap-southeast-1");
    expect(found.p99LatencyMs).toBe("p99 latency target (ms) is required: a whole value from 1 to 10,000");
    expect(Object.keys(found)).toEqual(
      expect.arrayContaining([
        "requestType",
        "contactEmail",
        "useCase",
        "keyFormat",
        "valueFormat",
        "ingestion",
        "updateFrequency",
        "estimatedSizeGb",
        "estimatedKeyCount",
        "readQps",
        "writeQps",
        "dataClassification",
        "backupsEnabled",
      ]),
    );
  });

  it("rejects unknown fields", () => {
    expect(problems({ ...valid, status: "COMPLETED" })["(root)"]).toMatch(/status/);
  });

  it("trims strings and holds limits on the trimmed value", () => {
    const parsed = createRequestBodySchema.parse({ ...valid, ownerTeam: "  payments  ", datasetName: " payments_ledger " });
    expect(parsed.ownerTeam).toBe("payments");
    expect(parsed.datasetName).toBe("payments_ledger");
    expect(problems({ ...valid, ownerTeam: " a " }).ownerTeam).toBe("Owner team needs at least 2 characters");
    expect(problems({ ...valid, ownerTeam: "x".repeat(81) }).ownerTeam).toBe("Owner team must be at most 80 characters");
    expect(problems({ ...valid, useCase: "too short" }).useCase).toMatch(/at least 20/);
    expect(problems({ ...valid, useCase: "u".repeat(4001) }).useCase).toMatch(/at most 4,000/);
    expect(problems({ ...valid, useCase: "u".repeat(4000) })).toEqual({});
  });

  it("refuses control characters but keeps newlines in the use case", () => {
    expect(problems({ ...valid, ownerTeam: "pay\u0000ments" }).ownerTeam).toMatch(/control characters/);
    expect(problems({ ...valid, useCase: "line one is long enough\nline two" })).toEqual({});
  });

  it.each([
    ["ab", false],
    ["abc", true],
    ["Payments", false],
    ["1payments", false],
    ["pay-ments", false],
    ["pay_ments_2", true],
    ["a".repeat(63), true],
    ["a".repeat(64), false],
  ])("dataset name %s valid=%s", (name, ok) => {
    expect(problems({ ...valid, datasetName: name }).datasetName === undefined).toBe(ok);
  });

  describe("cross-field rules hold both ways", () => {
    it("a migration needs a source system", () => {
      expect(problems({ ...valid, requestType: "MIGRATION" }).sourceSystem).toBe("Source system is required for a migration: choose the store it moves off");
      expect(problems({ ...valid, requestType: "MIGRATION", sourceSystem: "HBASE" })).toEqual({});
      expect(problems({ ...valid, requestType: "NEW" })).toEqual({});
    });

    it.each(["THRIFT", "PROTOBUF"] as const)("%s values need a schema name", (valueFormat) => {
      expect(problems({ ...valid, valueFormat }).valueSchema).toMatch(/required/);
      expect(problems({ ...valid, valueFormat, valueSchema: "   " }).valueSchema).toMatch(/required/);
      expect(problems({ ...valid, valueFormat, valueSchema: "UserRecord" })).toEqual({});
    });

    it("batch ingestion needs a source location of a known form", () => {
      expect(problems({ ...valid, ingestion: "BATCH" }).sourceLocation).toMatch(
        /^Source location is required for batch ingestion: an s3:\/\/, gs:\/\/ or hdfs:\/\/ URI/,
      );
      expect(problems({ ...valid, ingestion: "BATCH", sourceLocation: "ftp://x/y" }).sourceLocation).toMatch(/s3:\/\//);
      for (const ok of ["s3://bucket/path/", "gs://bucket", "hdfs://warehouse/t", "warehouse.table"]) {
        expect(problems({ ...valid, ingestion: "BATCH", sourceLocation: ok })).toEqual({});
      }
      expect(problems({ ...valid, ingestion: "STREAMING", sourceLocation: "kafka topic events" })).toEqual({});
    });

    it("backups need a retention of 1–365 days, and only then keep one", () => {
      expect(problems({ ...valid, backupsEnabled: true }).backupRetentionDays).toMatch(/required when backups are on/);
      expect(problems({ ...valid, backupsEnabled: true, backupRetentionDays: 0 }).backupRetentionDays).toMatch(/at least 1/);
      expect(problems({ ...valid, backupsEnabled: true, backupRetentionDays: 366 }).backupRetentionDays).toMatch(/at most 365/);
      expect(createRequestBodySchema.parse({ ...valid, backupsEnabled: true, backupRetentionDays: 30 }).backupRetentionDays).toBe(30);
      expect(createRequestBodySchema.parse({ ...valid, backupsEnabled: false, backupRetentionDays: 30 }).backupRetentionDays).toBeNull();
    });

    it("reports a cross-field problem while other fields are still wrong", () => {
      const found = problems({ requestType: "MIGRATION" });
      expect(found.sourceSystem).toBeDefined();
      expect(found.datasetName).toBeDefined();
    });
  });

  describe("numbers", () => {
    it("holds every numeric limit", () => {
      expect(problems({ ...valid, estimatedSizeGb: 0 }).estimatedSizeGb).toMatch(/above 0/);
      expect(problems({ ...valid, estimatedSizeGb: 1_000_001 }).estimatedSizeGb).toMatch(/at most 1,000,000/);
      expect(problems({ ...valid, readQps: -1 }).readQps).toMatch(/at least 0/);
      expect(problems({ ...valid, readQps: 1.5 }).readQps).toMatch(/without decimals/);
      expect(problems({ ...valid, p99LatencyMs: 0 }).p99LatencyMs).toMatch(/at least 1/);
      expect(problems({ ...valid, p99LatencyMs: 10_001 }).p99LatencyMs).toMatch(/at most 10,000/);
      expect(problems({ ...valid, ttlDays: 0 }).ttlDays).toMatch(/at least 1/);
      expect(problems({ ...valid, readQps: "100" }).readQps).toMatch(/in digits/);
    });

    it("takes key counts beyond 2^53 as digit strings", () => {
      expect(createRequestBodySchema.parse({ ...valid, estimatedKeyCount: "18446744073" }).estimatedKeyCount).toBe("18446744073");
      expect(createRequestBodySchema.parse({ ...valid, estimatedKeyCount: "9223372036854775807" }).estimatedKeyCount).toBe("9223372036854775807");
      expect(problems({ ...valid, estimatedKeyCount: "9223372036854775808" }).estimatedKeyCount).toBeDefined();
      expect(problems({ ...valid, estimatedKeyCount: 0 }).estimatedKeyCount).toBeDefined();
      expect(problems({ ...valid, estimatedKeyCount: "12abc" }).estimatedKeyCount).toBeDefined();
    });
  });

  it("refuses a needed-by date in the past, accepts today and later", () => {
    expect(problems({ ...valid, neededBy: "2020-01-01" }).neededBy).toMatch(/^Needed by cannot be in the past/);
    expect(problems({ ...valid, neededBy: earliestCurrentDate() })).toEqual({});
    expect(problems({ ...valid, neededBy: "2099-02-30" }).neededBy).toMatch(/must be a date/);
    expect(createRequestBodySchema.parse({ ...valid, neededBy: "" }).neededBy).toBeNull();
  });

  it("regions are a non-empty set from the closed list", () => {
    expect(problems({ ...valid, regions: [] }).regions).toBeDefined();
    expect(problems({ ...valid, regions: ["us-east-1", "us-east-1"] }).regions).toMatch(/once/);
    expect(problems({ ...valid, regions: ["mars-1"] })["regions.0"]).toMatch(/unknown region/);
  });
});

describe("listRequestsQuerySchema", () => {
  it("defaults to newest first, 25 a page", () => {
    expect(listRequestsQuerySchema.parse({})).toEqual({ sort: "number", order: "desc", page: 1, pageSize: 25 });
  });

  it("reads repeated statuses and numeric strings", () => {
    const q = listRequestsQuerySchema.parse({ status: ["SUBMITTED", "IN_REVIEW"], page: "3", pageSize: "100" });
    expect(q.status).toEqual(["SUBMITTED", "IN_REVIEW"]);
    expect(q.page).toBe(3);
    expect(listRequestsQuerySchema.parse({ status: "SUBMITTED" }).status).toEqual(["SUBMITTED"]);
  });

  it("refuses page sizes over 100, unknown sorts and unknown params", () => {
    expect(listRequestsQuerySchema.safeParse({ pageSize: "101" }).success).toBe(false);
    expect(listRequestsQuerySchema.safeParse({ sort: "useCase" }).success).toBe(false);
    expect(listRequestsQuerySchema.safeParse({ limit: "5" }).success).toBe(false);
  });
});

it("refuses lone UTF-16 surrogates in text (not text; SQLite refuses them)", () => {
  const result = createRequestBodySchema.safeParse({ ...valid, ownerTeam: "pay\ud800ments", keyExample: "\udc00" });
  expect(result.success).toBe(false);
  expect(result.error?.issues.map((i) => i.path.join("."))).toEqual(["ownerTeam", "keyExample"]);
  expect(createRequestBodySchema.safeParse({ ...valid, ownerTeam: "payments 😀" }).success).toBe(true);
});
