// The data layer against a real temporary SQLite database.
import { db } from "@/lib/db";
import { createRequest } from "@/lib/data/requests/create-request";
import { listRequests } from "@/lib/data/requests/list-requests";
import { getRequestByDatasetName } from "@/lib/data/requests/get-request";
import { toSessionUser } from "@/lib/auth/roles";
import { createRequestBodySchema, listRequestsQuerySchema } from "@/lib/schemas/request";
import { createUser, validRequestBody } from "@/tests/helpers/fixtures";

let carol: ReturnType<typeof toSessionUser>;

beforeAll(async () => {
  carol = toSessionUser(await createUser("carol", "REQUESTER", "maps"));
});
afterAll(() => db.$disconnect());

const create = (overrides = {}) => createRequest(carol, createRequestBodySchema.parse(validRequestBody(overrides)));

it("runs SQLite in WAL mode with foreign keys on", async () => {
  const [mode] = await db.$queryRawUnsafe<{ journal_mode: string }[]>("PRAGMA journal_mode");
  expect(mode?.journal_mode).toBe("wal");
  const [fk] = await db.$queryRawUnsafe<{ foreign_keys: bigint | number }[]>("PRAGMA foreign_keys");
  expect(Number(fk?.foreign_keys)).toBe(1);
});

it("the database itself refuses a second live request for one name", async () => {
  const first = await create();
  await expect(
    db.datasetRequest.create({
      data: {
        ...(await db.datasetRequest.findUniqueOrThrow({ where: { number: Number(first.number.slice(3)) } })),
        number: undefined,
      },
    }),
  ).rejects.toMatchObject({ code: "P2002" });
});

it("a released name can be requested again, and lookup finds the live one", async () => {
  const first = await create({ datasetName: "maps_tiles_cache" });
  await db.datasetRequest.update({ where: { number: Number(first.number.slice(3)) }, data: { status: "CANCELLED", liveDatasetName: null } });
  const second = await create({ datasetName: "maps_tiles_cache" });
  expect((await getRequestByDatasetName("maps_tiles_cache")).number).toBe(second.number);
});

it("history is append-only in the database", async () => {
  const r = await create();
  const number = Number(r.number.slice(3));
  await expect(db.requestEvent.updateMany({ where: { requestNumber: number }, data: { note: "rewritten" } })).rejects.toThrow(/append-only/);
  await expect(db.requestEvent.deleteMany({ where: { requestNumber: number } })).rejects.toThrow(/append-only/);
  expect(await db.requestEvent.count({ where: { requestNumber: number } })).toBe(1);
});

it("sorts status in workflow order with the number as tie-breaker", async () => {
  const made = [await create({ ownerTeam: "sorting" }), await create({ ownerTeam: "sorting" }), await create({ ownerTeam: "sorting" })];
  const [a, b] = made.map((r) => Number(r.number.slice(3)));
  await db.datasetRequest.update({ where: { number: a! }, data: { status: "COMPLETED", statusRank: 5 } });
  await db.datasetRequest.update({ where: { number: b! }, data: { status: "IN_REVIEW", statusRank: 1 } });
  const res = await listRequests(listRequestsQuerySchema.parse({ team: "sorting", sort: "status", order: "asc" }), carol);
  expect(res.items.map((r) => r.status)).toEqual(["SUBMITTED", "IN_REVIEW", "COMPLETED"]);
});
