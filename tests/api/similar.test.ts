// Duplicate detection at intake through the real route handler, on SQLite and PostgreSQL
// (SQLite's query plans for it: similar-plan.test.ts).
import * as similarRoute from "@/app/api/requests/similar/route";
import { db } from "@/lib/db";
import { createRequest } from "@/lib/data/requests/create-request";
import { toSessionUser } from "@/lib/auth/roles";
import { createRequestBodySchema } from "@/lib/schemas/request";
import { call, signIn } from "@/tests/helpers/http";
import { createUser, TEST_PASSWORD, validRequestBody } from "@/tests/helpers/fixtures";

let cookie: string;
let dana: ReturnType<typeof toSessionUser>;
const numbers: Record<string, string> = {};

const create = async (datasetName: string, overrides = {}) => {
  const created = await createRequest(dana, createRequestBodySchema.parse(validRequestBody({ datasetName, ...overrides })));
  numbers[datasetName] = created.number;
  return created;
};

beforeAll(async () => {
  dana = toSessionUser(await createUser("dana", "REQUESTER", "feeds"));
  cookie = await signIn("dana@example.com", TEST_PASSWORD);
  await create("feeds_user_profiles");
  await create("feeds_user_profiles_v2");
  await create("feeds_user_sessions");
  await create("maps_geo_tiles", { ingestion: "BATCH", sourceLocation: "s3://maps-exports/geo_tiles/", updateFrequency: "DAILY" });
  const cancelled = await create("feeds_user_profiles_old");
  await db.datasetRequest.update({
    where: { number: Number(cancelled.number.slice(3)) },
    data: { status: "CANCELLED", liveDatasetName: null },
  });
});
afterAll(() => db.$disconnect());

const similar = async (query: string, withCookie = true) =>
  call(similarRoute.GET, "GET", `/api/requests/similar?${query}`, { cookie: withCookie ? cookie : undefined });

it("finds the same and similar live names, best first, and never released ones", async () => {
  const res = await similar("name=feeds_user_profiles");
  expect(res.status).toBe(200);
  expect(res.json.items.map((i: { datasetName: string; match: string }) => [i.datasetName, i.match])).toEqual([
    ["feeds_user_profiles", "sameName"],
    ["feeds_user_profiles_v2", "similarName"],
  ]);
  expect(res.json.items[0]).toEqual({
    number: numbers.feeds_user_profiles,
    datasetName: "feeds_user_profiles",
    status: "SUBMITTED",
    ownerTeam: "payments",
    sourceLocation: null,
    match: "sameName",
  });
});

it("finds a shorter existing name that the typed one extends, and names as they are typed", async () => {
  const extended = await similar("name=feeds_user_profiles_eu_west");
  expect(extended.json.items.map((i: { datasetName: string }) => i.datasetName)).toEqual(
    expect.arrayContaining(["feeds_user_profiles", "feeds_user_profiles_v2"]),
  );
  const halfTyped = await similar("name=Feeds-User-Prof");
  expect(halfTyped.json.items.map((i: { datasetName: string }) => i.datasetName)).toContain("feeds_user_profiles");
});

it("leaves out the request being edited", async () => {
  const res = await similar(`name=feeds_user_profiles&exclude=${numbers.feeds_user_profiles}`);
  expect(res.json.items.map((i: { datasetName: string }) => i.datasetName)).toEqual(["feeds_user_profiles_v2"]);
});

it("finds the same source location, with or without a trailing slash", async () => {
  for (const location of ["s3://maps-exports/geo_tiles", "s3://maps-exports/geo_tiles/", "S3://MAPS-EXPORTS/geo_tiles"]) {
    const res = await similar(`location=${encodeURIComponent(location)}`);
    expect(res.json.items).toEqual([expect.objectContaining({ datasetName: "maps_geo_tiles", match: "sameLocation" })]);
  }
  expect((await similar("location=s3%3A%2F%2Fmaps-exports%2Fother")).json.items).toEqual([]);
});

it("answers nothing for short or empty input, 400 for bad parameters, 401 signed out", async () => {
  expect((await similar("name=fe")).json).toEqual({ items: [] });
  expect((await similar("")).json).toEqual({ items: [] });
  const bad = await similar("exclude=abc");
  expect(bad.status).toBe(400);
  expect(bad.json.error.code).toBe("VALIDATION_FAILED");
  expect((await similar("unknown=1")).status).toBe(400);
  expect((await similar("name=feeds", false)).status).toBe(401);
});
