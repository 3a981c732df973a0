// Datasets through the data layer on a real SQLite database: born when a NEW or
// MIGRATION request completes, amended by completed CHANGE requests, retired by a
// DECOMMISSION request; and the rules that tie requests to datasets, both ways.
import { db } from "@/lib/db";
import { createRequest } from "@/lib/data/requests/create-request";
import { updateRequest } from "@/lib/data/requests/update-request";
import { getRequestByNumber } from "@/lib/data/requests/get-request";
import { applyTransition } from "@/lib/data/requests/transition-request";
import { findDataset, getDataset } from "@/lib/data/datasets/get-dataset";
import { updateDataset } from "@/lib/data/datasets/update-dataset";
import { toSessionUser, type SessionUser } from "@/lib/auth/roles";
import { createRequestBodySchema, type CreateRequestInput } from "@/lib/schemas/request";
import { updateDatasetBodySchema } from "@/lib/schemas/dataset";
import { createUser, validRequestBody } from "@/tests/helpers/fixtures";
import { completeRequest, createDataset } from "@/tests/helpers/datasets";

let dana: SessionUser;
let admin: SessionUser;

beforeAll(async () => {
  dana = toSessionUser(await createUser("dana", "REQUESTER", "payments"));
  admin = toSessionUser(await createUser("dsadmin", "ADMIN", "storage"));
});
afterAll(() => db.$disconnect());

const submit = (overrides: Partial<CreateRequestInput>) => createRequest(dana, createRequestBodySchema.parse(validRequestBody(overrides)));
const rejection = (p: Promise<unknown>) =>
  p.then(
    () => null,
    (e: { code: string; status: number; message: string; details: unknown }) => e,
  );

describe("a dataset comes into being", () => {
  it("when its NEW request completes, not before, with that request's metadata and a history line", async () => {
    const created = await submit({ datasetName: "ledger_balances", readQps: 700 });
    expect(await findDataset("ledger_balances")).toBeNull();
    const done = await completeRequest(admin, created.number);
    const dataset = await getDataset("ledger_balances");
    expect(dataset).toMatchObject({
      name: "ledger_balances",
      status: "LIVE",
      originRequest: done.number,
      readQps: 700,
      ownerTeam: "payments",
      regions: ["us-east-1"],
    });
    expect(dataset.history).toEqual([
      expect.objectContaining({ field: "status", oldValue: null, newValue: "LIVE", request: done.number, actor: expect.objectContaining({ id: admin.id }) }),
    ]);
    expect(dataset.requests.map((r) => r.number)).toEqual([done.number]);
  });

  it("with its key count exact beyond what a double holds, and its dates and backups as the request had them", async () => {
    const created = await submit({ datasetName: "huge_counters", estimatedKeyCount: "9007199254740993", backupsEnabled: false });
    const done = await completeRequest(admin, created.number);
    const dataset = await getDataset("huge_counters");
    expect(dataset).toMatchObject({ estimatedKeyCount: "9007199254740993", backupsEnabled: false, provisionedAt: null, decommissionedAt: null });
    expect(dataset.requests).toEqual([
      expect.objectContaining({
        number: done.number,
        status: "COMPLETED",
        createdAt: done.createdAt,
        requester: { id: dana.id, name: dana.name, email: dana.email },
      }),
    ]);
    expect(Date.parse(dataset.history[0]!.createdAt)).toBeGreaterThanOrEqual(Date.parse(done.createdAt));
  });

  it("not when a request is rejected or cancelled", async () => {
    const created = await submit({ datasetName: "never_born" });
    await applyTransition(dana, created, "CANCELLED", null, created.version);
    expect(await findDataset("never_born")).toBeNull();
  });
});

describe("NEW and MIGRATION names are unique among live requests and live datasets", () => {
  it("refuses a NEW request for a live dataset's name (409 on datasetName)", async () => {
    await createDataset(dana, admin, { datasetName: "taken_dataset" });
    const error = await rejection(submit({ datasetName: "taken_dataset" }));
    expect(error).toMatchObject({ code: "DUPLICATE_DATASET_NAME", status: 409, details: [{ path: "datasetName" }] });
    const migration = await rejection(submit({ datasetName: "taken_dataset", requestType: "MIGRATION", sourceSystem: "REDIS" }));
    expect(migration).toMatchObject({ status: 409 });
  });

  it("accepts one for a name that is not taken", async () => {
    await expect(submit({ datasetName: "free_dataset_name" })).resolves.toMatchObject({ status: "SUBMITTED" });
  });
});

describe("CHANGE and DECOMMISSION name an existing live dataset", () => {
  it("refuses a CHANGE or DECOMMISSION for a name that is no dataset (400 naming datasetName)", async () => {
    for (const requestType of ["CHANGE", "DECOMMISSION"] as const) {
      const error = await rejection(submit({ datasetName: "no_such_dataset", requestType }));
      expect(error).toMatchObject({
        code: "VALIDATION_FAILED",
        status: 400,
        details: [{ path: "datasetName", message: expect.stringContaining("no live dataset") }],
      });
    }
    // Nor for a name that is only requested so far.
    await submit({ datasetName: "only_requested" });
    expect(await rejection(submit({ datasetName: "only_requested", requestType: "CHANGE" }))).toMatchObject({ status: 400 });
  });

  it("accepts a CHANGE for a live dataset, and a second open CHANGE is refused (409 naming the open one) until the first ends", async () => {
    await createDataset(dana, admin, { datasetName: "changing_dataset" });
    const first = await submit({ datasetName: "changing_dataset", requestType: "CHANGE", readQps: 900 });
    expect(first.status).toBe("SUBMITTED");
    const second = await rejection(submit({ datasetName: "changing_dataset", requestType: "CHANGE" }));
    expect(second).toMatchObject({ code: "CONFLICT", status: 409, message: expect.stringContaining(first.number) });
    // A DECOMMISSION is its own slot.
    await expect(submit({ datasetName: "changing_dataset", requestType: "DECOMMISSION" })).resolves.toMatchObject({ status: "SUBMITTED" });
    await applyTransition(dana, first, "CANCELLED", null, first.version);
    await expect(submit({ datasetName: "changing_dataset", requestType: "CHANGE" })).resolves.toMatchObject({ status: "SUBMITTED" });
  });

  it("the database itself holds one open CHANGE per dataset, whatever races the application has", async () => {
    await createDataset(dana, admin, { datasetName: "raced_dataset" });
    const first = await submit({ datasetName: "raced_dataset", requestType: "CHANGE" });
    const row = await db.datasetRequest.findUniqueOrThrow({ where: { number: Number(first.number.slice(3)) } });
    await expect(db.datasetRequest.create({ data: { ...row, number: undefined } })).rejects.toMatchObject({ code: "P2002" });
  });

  it("an edit that turns a request into a CHANGE for a name that is no dataset is refused", async () => {
    const created = await submit({ datasetName: "edited_request" });
    const error = await rejection(updateRequest(dana, created.number, { requestType: "CHANGE", version: created.version }, null));
    expect(error).toMatchObject({ status: 400, details: [{ path: "datasetName" }] });
    expect((await getRequestByNumber(created.number)).requestType).toBe("NEW");
  });
});

describe("a completed CHANGE amends the dataset", () => {
  it("with each changed field in the history: field, old, new, request, who, when", async () => {
    const origin = await createDataset(dana, admin, { datasetName: "amended_dataset", readQps: 500, regions: ["us-east-1"] });
    const change = await submit({ ...pickBody(origin), requestType: "CHANGE", readQps: 1500, regions: ["us-east-1", "eu-west-1"] });
    // Open: the dataset is as it was.
    expect((await getDataset("amended_dataset")).readQps).toBe(500);
    const done = await completeRequest(admin, change.number);
    const dataset = await getDataset("amended_dataset");
    expect(dataset).toMatchObject({ readQps: 1500, regions: ["us-east-1", "eu-west-1"] });
    const amendments = dataset.history.filter((h) => h.request === done.number);
    expect(amendments).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: "readQps", oldValue: "500", newValue: "1500", actor: expect.objectContaining({ id: admin.id }) }),
        expect.objectContaining({ field: "regions", oldValue: "us-east-1", newValue: "us-east-1, eu-west-1" }),
      ]),
    );
    expect(amendments).toHaveLength(2);
    expect(dataset.requests.map((r) => r.number)).toEqual([done.number, origin.number]);
  });

  it("a rejected CHANGE changes nothing", async () => {
    const origin = await createDataset(dana, admin, { datasetName: "unchanged_dataset", readQps: 500 });
    const change = await submit({ ...pickBody(origin), requestType: "CHANGE", readQps: 9000 });
    await applyTransition(admin, change, "REJECTED", "Not needed", change.version);
    const dataset = await getDataset("unchanged_dataset");
    expect(dataset.readQps).toBe(500);
    expect(dataset.history).toHaveLength(1);
  });
});

describe("a completed DECOMMISSION retires the dataset", () => {
  it("keeps its page, marks it, frees its name; decommissioning while open", async () => {
    const origin = await createDataset(dana, admin, { datasetName: "retired_dataset" });
    const decommission = await submit({ ...pickBody(origin), requestType: "DECOMMISSION" });
    expect((await getDataset("retired_dataset")).status).toBe("DECOMMISSIONING");
    const done = await completeRequest(admin, decommission.number);
    const dataset = await getDataset("retired_dataset");
    expect(dataset).toMatchObject({ status: "DECOMMISSIONED", decommissionedAt: expect.any(String) });
    expect(dataset.history[0]).toMatchObject({ field: "status", oldValue: "LIVE", newValue: "DECOMMISSIONED", request: done.number });
    // The name is free again, and a CHANGE for it is refused.
    expect(await rejection(submit({ datasetName: "retired_dataset", requestType: "CHANGE" }))).toMatchObject({ status: 400 });
    const reborn = await createDataset(dana, admin, { datasetName: "retired_dataset" });
    const live = await getDataset("retired_dataset");
    expect(live).toMatchObject({ status: "LIVE", originRequest: reborn.number });
    expect(live.requests.map((r) => r.number)).toEqual([reborn.number]);
  });
});

describe("provisioned facts", () => {
  it("admins set them, each change recorded; requesters are refused", async () => {
    await createDataset(dana, admin, { datasetName: "provisioned_dataset" });
    const body = updateDatasetBodySchema.parse({
      cluster: "kv-east-3",
      endpoint: "kv-east-3.internal:7000",
      peakQps: 420,
      runbookUrl: "https://wiki.example.com/rb",
    });
    expect(await rejection(updateDataset(dana, "provisioned_dataset", body))).toMatchObject({ status: 403 });
    const updated = await updateDataset(admin, "provisioned_dataset", body);
    expect(updated).toMatchObject({ cluster: "kv-east-3", endpoint: "kv-east-3.internal:7000", peakQps: 420 });
    expect(updated.history.filter((h) => h.request === null).map((h) => [h.field, h.oldValue, h.newValue])).toEqual(
      expect.arrayContaining([
        ["cluster", null, "kv-east-3"],
        ["endpoint", null, "kv-east-3.internal:7000"],
        ["peakQps", null, "420"],
        ["runbookUrl", null, "https://wiki.example.com/rb"],
      ]),
    );
    // The same values again: nothing new in the history.
    expect((await updateDataset(admin, "provisioned_dataset", body)).history).toHaveLength(updated.history.length);
  });

  it("links are http or https only", () => {
    expect(updateDatasetBodySchema.safeParse({ runbookUrl: "javascript:alert(1)" }).success).toBe(false);
    expect(updateDatasetBodySchema.safeParse({ dashboardUrl: "ftp://example.com/x" }).success).toBe(false);
    expect(updateDatasetBodySchema.safeParse({ dashboardUrl: "http://grafana.example.com/d/1" }).success).toBe(true);
  });

  it("the history is append-only", async () => {
    await expect(db.$executeRawUnsafe(`UPDATE "DatasetChange" SET "newValue" = 'x'`)).rejects.toThrow(/append-only/);
    await expect(db.$executeRawUnsafe(`DELETE FROM "DatasetChange"`)).rejects.toThrow(/append-only/);
  });
});

/** A request body with a stored request's metadata (a change starts from what is there). */
function pickBody(r: Awaited<ReturnType<typeof getRequestByNumber>>): Partial<CreateRequestInput> {
  const {
    datasetName,
    ownerTeam,
    contactEmail,
    useCase,
    keyFormat,
    valueFormat,
    ingestion,
    updateFrequency,
    estimatedSizeGb,
    estimatedKeyCount,
    readQps,
    writeQps,
    p99LatencyMs,
    regions,
    dataClassification,
    backupsEnabled,
  } = r;
  return {
    datasetName,
    ownerTeam,
    contactEmail,
    useCase,
    keyFormat,
    valueFormat,
    ingestion,
    updateFrequency,
    estimatedSizeGb,
    estimatedKeyCount,
    readQps,
    writeQps,
    p99LatencyMs,
    regions,
    dataClassification,
    backupsEnabled,
  };
}
