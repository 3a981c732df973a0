// POST /api/requests answers every problem of a body at once, in the same words as the
// form: cross-field rules included while other fields are still wrong (issue 15).
import * as requestsRoute from "@/app/api/requests/route";
import { db } from "@/lib/db";
import { call, signIn } from "@/tests/helpers/http";
import { createUser, TEST_PASSWORD } from "@/tests/helpers/fixtures";

let alice: string;

beforeAll(async () => {
  await createUser("alice", "REQUESTER", "payments");
  alice = await signIn("alice@example.com", TEST_PASSWORD);
});

afterAll(async () => {
  await db.$disconnect();
});

it("lists every problem of a migration with everything wrong in one answer", async () => {
  const res = await call(requestsRoute.POST, "POST", "/api/requests", {
    cookie: alice,
    body: {
      datasetName: "Payments Ledger!",
      requestType: "MIGRATION",
      ownerTeam: "p",
      contactEmail: "not an email",
      useCase: "too short",
      valueFormat: "THRIFT",
      ingestion: "BATCH",
      estimatedSizeGb: -1,
      estimatedKeyCount: "about a billion",
      readQps: 1.5,
      writeQps: "lots",
      p99LatencyMs: 0,
      regions: [],
      backupsEnabled: true,
      neededBy: "2001-09-09",
      colour: "blue",
    },
  });
  expect(res.status).toBe(400);
  const details: { path: string; message: string }[] = res.json.error.details;
  expect(details.map((d) => d.path).sort()).toEqual(
    [
      "datasetName",
      "ownerTeam",
      "contactEmail",
      "useCase",
      "keyFormat",
      "updateFrequency",
      "estimatedSizeGb",
      "estimatedKeyCount",
      "readQps",
      "writeQps",
      "p99LatencyMs",
      "regions",
      "dataClassification",
      "sourceSystem",
      "valueSchema",
      "sourceLocation",
      "backupRetentionDays",
      "neededBy",
      "colour",
    ].sort(),
  );
  const byPath = Object.fromEntries(details.map((d) => [d.path, d.message]));
  expect(byPath).toMatchObject({
    readQps: "Peak read QPS must be a whole value, without decimals",
    estimatedKeyCount: "Estimated key count must be a whole count of keys above 0, in digits (e.g. 250000000)",
    sourceSystem: expect.stringMatching(/^Source system is required for a migration/),
    neededBy: expect.stringMatching(/^Needed by cannot be in the past/),
    colour: 'Unknown field "colour"',
  });
  for (const { message } of details) expect(message).not.toMatch(/Invalid input|expected|received|\/\^/);
});
