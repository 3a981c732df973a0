// The limits and the error envelope on every JSON endpoint, and what never leaves the
// server: stack traces, SQL and internals in responses; bodies and tokens in the logs.
import * as requestsRoute from "@/app/api/requests/route";
import * as tokensRoute from "@/app/api/tokens/route";
import * as meRoute from "@/app/api/me/route";
import { db } from "@/lib/db";
import { writeConnection } from "@/lib/db/sqlite-connections";
import { MAX_BODY_BYTES } from "@/lib/api/read-json-body";
import { MAX_QUERY_PARAMETERS } from "@/lib/api/parse";
import { RAW_QUERY_HEADER } from "@/lib/security/raw-request-headers";
import { call, signIn } from "@/tests/helpers/http";
import { createUser, TEST_PASSWORD, validRequestBody } from "@/tests/helpers/fixtures";

let cookie: string;

beforeAll(async () => {
  await createUser("max", "REQUESTER", "maps");
  cookie = await signIn("max@example.com", TEST_PASSWORD);
});
afterAll(() => db.$disconnect());

const envelope = (code: string) => ({ error: { code, message: expect.any(String), details: expect.any(Array) } });

// Every route that reads a JSON body on this branch, with a valid body for it.
const JSON_ENDPOINTS = [
  { name: "POST /api/requests", handler: requestsRoute.POST, path: "/api/requests", body: () => validRequestBody() },
  { name: "POST /api/tokens", handler: tokensRoute.POST, path: "/api/tokens", body: () => ({ name: "a tool" }) },
];

describe.each(JSON_ENDPOINTS)("$name", ({ handler, path, body }) => {
  it("413 over 64 KB, counted in bytes", async () => {
    // Multi-byte characters: under 64 K characters, over 64 KB.
    const res = await call(handler, "POST", path, { cookie, body: { ...body(), padding: "é".repeat(MAX_BODY_BYTES / 2 + 10) } });
    expect(res.status).toBe(413);
    expect(res.json).toEqual(envelope("PAYLOAD_TOO_LARGE"));
  });

  it("415 for a body that is not JSON", async () => {
    for (const type of ["text/plain", "application/x-www-form-urlencoded", ""]) {
      const res = await call(handler, "POST", path, { cookie, rawBody: JSON.stringify(body()), headers: type ? { "content-type": type } : {} });
      expect(res.status).toBe(415);
      expect(res.json).toEqual(envelope("UNSUPPORTED_MEDIA_TYPE"));
    }
  });

  it("400 for malformed JSON and for an empty body", async () => {
    for (const rawBody of ['{"name": ', ""]) {
      const res = await call(handler, "POST", path, { cookie, rawBody, headers: { "content-type": "application/json" } });
      expect(res.status).toBe(400);
      expect(res.json).toEqual(envelope("BAD_REQUEST"));
    }
  });

  it("400 for unknown fields, each named by its path", async () => {
    const res = await call(handler, "POST", path, { cookie, body: { ...body(), isAdmin: true, extra: { nested: 1 } } });
    expect(res.status).toBe(400);
    expect(res.json.error.code).toBe("VALIDATION_FAILED");
    expect(res.json.error.details).toEqual(
      expect.arrayContaining([
        { path: "isAdmin", message: 'Unknown field "isAdmin"' },
        { path: "extra", message: 'Unknown field "extra"' },
      ]),
    );
  });

  it("400 for a JSON value that is not an object", async () => {
    const res = await call(handler, "POST", path, { cookie, rawBody: "[1,2]", headers: { "content-type": "application/json" } });
    expect(res.status).toBe(400);
    expect(res.json.error.code).toBe("VALIDATION_FAILED");
  });
});

describe("query strings", () => {
  it("refuses more than MAX_QUERY_PARAMETERS before parsing them, and a __proto__ key like any unknown one", async () => {
    const many = Array.from({ length: MAX_QUERY_PARAMETERS + 1 }, () => "status=SUBMITTED").join("&");
    const res = await call(requestsRoute.GET, "GET", `/api/requests?${many}`, { cookie });
    expect(res.status).toBe(400);
    expect(res.json).toEqual({ error: { code: "VALIDATION_FAILED", message: `Too many query parameters: at most ${MAX_QUERY_PARAMETERS}.`, details: [] } });
    const proto = await call(requestsRoute.GET, "GET", "/api/requests?__proto__=1", { cookie });
    expect(proto.status).toBe(400);
    expect(proto.json.error.details).toEqual([{ path: "__proto__", message: 'Unknown field "__proto__"' }]);
    // On the server the query is read as the client sent it (stamp-raw-request.ts): Next.js drops __proto__ from req.url.
    const stamped = await call(requestsRoute.GET, "GET", "/api/requests", { cookie, headers: { [RAW_QUERY_HEADER]: "__proto__=1" } });
    expect(stamped.status).toBe(400);
    expect(stamped.json.error.details[0].path).toBe("__proto__");
  });
});

describe("what never leaves the server", () => {
  const SECRET = "do-not-log-this-useCase-7f3a";

  it("a failure deep inside answers a bare 500: no stack, no SQL, no body, and the log holds neither body nor token", async () => {
    const token = (await call(tokensRoute.POST, "POST", "/api/tokens", { cookie, body: { name: "log test" } })).json.token as string;
    const logged: string[] = [];
    const spies = (["error", "warn", "log", "info"] as const).map((level) =>
      jest.spyOn(console, level).mockImplementation((...args: unknown[]) => void logged.push(args.map(String).join(" "))),
    );
    // A failure inside the insert whose message quotes the statement and the data, as
    // SQLite's and Prisma's do: a trigger on the write connection (create-request.ts) raises it.
    writeConnection().exec(
      `CREATE TEMP TRIGGER "fail_create" BEFORE INSERT ON main."DatasetRequest" BEGIN SELECT RAISE(ABORT, 'INSERT INTO "DatasetRequest" failed: ' || NEW."useCase"); END`,
    );
    try {
      const res = await call(requestsRoute.POST, "POST", "/api/requests", { token, body: validRequestBody({ useCase: `${SECRET} and more words here` }) });
      expect(res.status).toBe(500);
      expect(res.json).toEqual({ error: { code: "INTERNAL", message: expect.any(String), details: [] } });
      const text = JSON.stringify(res.json);
      for (const leak of [SECRET, "INSERT", "prisma", "sqlite", "TRIGGER", " at ", ".ts:"]) expect(text.toLowerCase()).not.toContain(leak.toLowerCase());

      expect(logged.join("\n")).toContain("SqliteError SQLITE_CONSTRAINT_TRIGGER");
      expect(logged.join("\n")).not.toContain(SECRET);
      expect(logged.join("\n")).not.toContain(token);
      expect(logged.join("\n")).not.toContain(token.slice(4));
    } finally {
      writeConnection().exec(`DROP TRIGGER temp."fail_create"`);
      spies.forEach((s) => s.mockRestore());
    }
  });

  it("nothing is logged for ordinary errors (401, 400) either", async () => {
    const logged: string[] = [];
    const spy = jest.spyOn(console, "error").mockImplementation((...args: unknown[]) => void logged.push(args.map(String).join(" ")));
    try {
      await call(meRoute.GET, "GET", "/api/me", { headers: { authorization: "Bearer kvs_" + "Z".repeat(43) } });
      await call(requestsRoute.POST, "POST", "/api/requests", { cookie, body: { useCase: SECRET } });
      expect(logged).toEqual([]);
    } finally {
      spy.mockRestore();
    }
  });
});
