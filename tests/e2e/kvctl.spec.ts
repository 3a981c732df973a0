// kvctl against the real production server (the one Playwright starts), run as a
// subprocess the way people run it. No browser is needed here.
//
// The transition and comment tests at the end need the routes of issue #3
// (POST /api/requests/{number}/transitions and /comments).
import { execFile, execFileSync, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, request as playwrightRequest, test } from "@playwright/test";
import { DEMO_PASSWORD } from "./helpers";
import { DATA_CLASSIFICATIONS } from "../../lib/domain/requests/options";

const BASE = `http://localhost:${process.env.E2E_PORT ?? 3210}`;
const ROOT = path.join(__dirname, "..", "..");
const work = mkdtempSync(path.join(os.tmpdir(), "kvctl-e2e-"));
const configDir = path.join(work, "config");

type Run = { code: number; stdout: string; stderr: string };

// The bundle that the kvctl package installs (npm run kvctl:build, made in beforeAll):
// the same program as bin/kvctl.mjs, which compiles cli/ through tsx at every start
// (1.8 s of CPU against 0.4, some seventy times here). The first test starts it that way.
const BUNDLE = path.join(ROOT, "cli", "dist", "kvctl.mjs");

/** Runs kvctl as a person would, with its config in a scratch folder. */
function kvctl(args: string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [BUNDLE, ...args],
      { cwd: work, env: { ...process.env, KVCTL_CONFIG_DIR: configDir, KVCTL_URL: BASE, KVCTL_TOKEN: "", ...env }, timeout: 60_000 },
      (error, stdout, stderr) => resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

async function tokenFor(email: string, name: string): Promise<string> {
  const api = await playwrightRequest.newContext({ baseURL: BASE, extraHTTPHeaders: { Origin: BASE } });
  const signIn = await api.post("/api/auth/sign-in/email", { data: { email, password: DEMO_PASSWORD } });
  expect(signIn.status()).toBe(200);
  const res = await api.post("/api/tokens", { data: { name } });
  expect(res.status()).toBe(201);
  const token = (await res.json()).token as string;
  await api.dispose();
  return token;
}

const request = (datasetName: string, overrides: Record<string, unknown> = {}) => ({
  datasetName,
  requestType: "MIGRATION",
  sourceSystem: "TERRAPIN",
  ownerTeam: "payments",
  contactEmail: "payments@example.com",
  useCase: "Move the ledger lookups off Terrapin onto KVStore.",
  keyFormat: "STRING",
  valueFormat: "JSON",
  ingestion: "BATCH",
  sourceLocation: "s3://payments/ledger/",
  updateFrequency: "DAILY",
  estimatedSizeGb: 120,
  estimatedKeyCount: "5000000000",
  readQps: 2000,
  writeQps: 0,
  p99LatencyMs: 15,
  regions: ["us-east-1", "eu-west-1"],
  dataClassification: "CONFIDENTIAL",
  backupsEnabled: true,
  backupRetentionDays: 14,
  ...overrides,
});

const unique = (prefix: string) => `${prefix}_${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

let alice: string;
let admin: string;

test.beforeAll(async () => {
  execFileSync(process.execPath, [path.join(ROOT, "scripts", "build-kvctl.mjs")], { cwd: ROOT, timeout: 60_000 });
  alice = await tokenFor("alice@example.com", "kvctl e2e");
  admin = await tokenFor("admin@example.com", "kvctl e2e admin");
});

// These share the sign-in that `login` saves, so they run in order.
test.describe.serial("kvctl", () => {
  test("npx kvctl and npm run kvctl both start it", async () => {
    const npx = await new Promise<Run>((resolve) =>
      execFile("npx", ["kvctl", "--help"], { cwd: ROOT, timeout: 60_000 }, (e, stdout, stderr) => resolve({ code: e ? 1 : 0, stdout, stderr })),
    );
    expect(npx.code).toBe(0);
    expect(npx.stdout).toContain("Usage: kvctl");
    const npm = await new Promise<Run>((resolve) =>
      execFile("npm", ["run", "-s", "kvctl", "--", "--version"], { cwd: ROOT, timeout: 60_000 }, (e, stdout, stderr) =>
        resolve({ code: e ? 1 : 0, stdout, stderr }),
      ),
    );
    expect(npm.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });

  test("login checks the token and saves it for the user's eyes only; whoami and logout", async () => {
    const bad = await kvctl(["login", "--token", "kvs_" + "x".repeat(43)]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain("not valid or has been revoked (HTTP 401 UNAUTHENTICATED)");

    const login = await kvctl(["login", "--token", alice]);
    expect(login.code).toBe(0);
    expect(login.stdout).toContain("as Alice Chen <alice@example.com> (requester)");
    expect(login.stdout).toMatch(/Read-write; expires on \d{4}-\d\d-\d\d \(in (89|90) days\)\./);
    const file = path.join(configDir, "config.json");
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(file, "utf8"))).toEqual({ url: BASE, token: alice });

    const whoami = await kvctl(["whoami", "--json"]);
    expect(JSON.parse(whoami.stdout)).toMatchObject({ email: "alice@example.com", authenticatedWith: "token", token: { name: "kvctl e2e" } });

    expect((await kvctl(["logout"])).stdout).toContain("Forgot the token");
    const after = await kvctl(["whoami"]);
    expect(after.code).toBe(1);
    expect(after.stderr).toContain("Not signed in");
    await kvctl(["login", "--token", alice]);
  });

  test("list: a table for people, JSON for machines, the server's filters and sort", async () => {
    const human = await kvctl(["list", "--requester", "all", "--status", "SUBMITTED,IN_REVIEW", "--sort", "datasetName", "--order", "asc", "--page-size", "5"]);
    expect(human.code).toBe(0);
    expect(human.stdout.split("\n")[0]).toMatch(/^REQUEST\s+DATASET\s+TYPE\s+TEAM\s+STATUS\s+PRIORITY\s+ASSIGNEE\s+UPDATED$/);
    expect(human.stdout).toMatch(/\d+ requests?, page 1 of \d+/);

    const json = await kvctl([
      "list",
      "--json",
      "--requester",
      "all",
      "--status",
      "SUBMITTED",
      "--status",
      "in_review",
      "--sort",
      "datasetName",
      "--order",
      "asc",
      "--page-size",
      "5",
    ]);
    const list = JSON.parse(json.stdout);
    expect(list.pageSize).toBe(5);
    expect(list.items.length).toBeGreaterThan(0);
    expect(list.items.every((r: { status: string }) => ["SUBMITTED", "IN_REVIEW"].includes(r.status))).toBe(true);
    const names = list.items.map((r: { datasetName: string }) => r.datasetName);
    expect([...names].sort()).toEqual(names);

    // The next page from the previous page's nextCursor: the same rows as page 2 by number.
    const sorted = ["list", "--json", "--requester", "all", "--sort", "datasetName", "--order", "asc", "--page-size", "3"];
    const first = JSON.parse((await kvctl(sorted)).stdout);
    expect(first.nextCursor).toEqual(expect.any(String));
    const byCursor = JSON.parse((await kvctl([...sorted, "--page", "2", "--after", first.nextCursor])).stdout);
    const byNumber = JSON.parse((await kvctl([...sorted, "--page", "2"])).stdout);
    expect(byCursor.items.map((r: { number: string }) => r.number)).toEqual(byNumber.items.map((r: { number: string }) => r.number));
    expect(byCursor.items).toHaveLength(3);
    const badCursor = await kvctl([...sorted, "--page", "2", "--after", "not-a-cursor"]);
    expect(badCursor.code).toBe(2);
    expect(badCursor.stderr).toContain("--after");

    const wrong = await kvctl(["list", "--page-size", "500", "--sort", "nope"]);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain("--page-size: pageSize must be at most 100");
    expect(wrong.stderr).toContain("--sort: sort must be one of");
    expect((await kvctl(["list", "--bogus"])).code).toBe(2);
  });

  test("create from a file, after checking it with the app's schema; get by number and by dataset name", async () => {
    const name = unique("kvctl");
    const file = path.join(work, "request.json");
    writeFileSync(file, JSON.stringify(request(name)));
    const created = await kvctl(["create", "--file", file]);
    expect(created.code).toBe(0);
    const number = /Created (KV-\d+) for dataset/.exec(created.stdout)?.[1];
    expect(number).toBeTruthy();

    const byNumber = await kvctl(["get", number!]);
    expect(byNumber.stdout).toContain(`Dataset:        ${name}`);
    expect(byNumber.stdout).toContain("5,000,000,000 keys");
    const byName = JSON.parse((await kvctl(["get", name, "--json"])).stdout);
    expect(byName.number).toBe(number);

    // Again: the server refuses the duplicate name, and says why.
    const twice = await kvctl(["create", "--file", file]);
    expect(twice.code).toBe(1);
    expect(twice.stderr).toContain("(HTTP 409 DUPLICATE_DATASET_NAME)");
    expect(twice.stderr).toContain("datasetName:");

    // Invalid locally: nothing is sent, every problem is named.
    writeFileSync(file, JSON.stringify(request(unique("kvctl"), { p99LatencyMs: 0, sourceSystem: null, colour: "red" })));
    const invalid = await kvctl(["create", "--file", file]);
    expect(invalid.code).toBe(1);
    expect(invalid.stderr).toContain("is not a valid request; nothing was sent");
    for (const p of ["p99LatencyMs:", "sourceSystem:", 'colour: Unknown field "colour"']) expect(invalid.stderr).toContain(p);

    const missing = await kvctl(["get", "KV-99999999"]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("(HTTP 404 NOT_FOUND)");
    expect((await kvctl(["create", "--file", path.join(work, "nope.json")])).code).toBe(2);
  });

  test("import a CSV: a report per row, all-or-nothing refuses, valid-only skips", async () => {
    const good = [unique("imp"), unique("imp")];
    const columns = Object.keys(request("x"));
    const line = (r: Record<string, unknown>) => columns.map((c) => (Array.isArray(r[c]) ? (r[c] as string[]).join(";") : String(r[c] ?? ""))).join(",");
    const file = path.join(work, "requests.csv");
    writeFileSync(file, [columns.join(","), line(request(good[0]!)), line(request("BAD NAME")), line(request(good[1]!))].join("\n") + "\n");

    const check = await kvctl(["import", "--file", file, "--mode", "validate"]);
    expect(check.code).toBe(1);
    expect(check.stdout).toContain("3 rows: 2 valid, 1 invalid, 0 duplicates; 0 imported (mode validate).");
    expect(check.stdout).toMatch(/2\s+BAD NAME\s+invalid\s+datasetName: Dataset name must be 3–63/);

    const refused = await kvctl(["import", "--file", file]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("nothing was imported");
    expect(refused.stderr).toContain("(HTTP 400 VALIDATION_FAILED)");
    expect(refused.stderr).toContain("rows.2.datasetName:");

    const partial = await kvctl(["import", "--file", file, "--mode", "valid-only", "--json"]);
    expect(partial.code).toBe(0);
    const report = JSON.parse(partial.stdout);
    expect(report).toMatchObject({ total: 3, imported: 2, invalid: 1 });
    expect((await kvctl(["get", good[1]!])).code).toBe(0);
  });

  test("datasets lists the catalog; dataset shows one with its facts and history", async () => {
    const listed = await kvctl(["datasets", "--status", "LIVE", "--sort", "name", "--page-size", "5", "--json"]);
    expect(listed.code).toBe(0);
    const list = JSON.parse(listed.stdout) as { items: { name: string; status: string }[]; total: number };
    expect(list.items).toHaveLength(5);
    expect(list.items.every((d) => d.status === "LIVE")).toBe(true);
    const names = list.items.map((d) => d.name);
    expect(names).toEqual([...names].sort());

    const table = await kvctl(["datasets", "--search", names[0]!]);
    expect(table.stdout).toMatch(new RegExp(`^${names[0]}\\s+\\S+\\s+LIVE`, "m"));

    // The catalog's other filters: the first dataset is found by its own classification and
    // formats, and not by another classification.
    type Formats = { dataClassification: string; keyFormat: string; valueFormat: string };
    const first = JSON.parse((await kvctl(["dataset", names[0]!, "--json"])).stdout) as Formats;
    const byFormats = async (classification: string) => {
      const res = await kvctl([
        "datasets",
        "--search",
        names[0]!,
        "--classification",
        classification,
        "--key-format",
        first.keyFormat,
        "--value-format",
        first.valueFormat,
        "--json",
      ]);
      expect(res.code).toBe(0);
      return (JSON.parse(res.stdout) as { items: { name: string }[] }).items.map((d) => d.name);
    };
    expect(await byFormats(first.dataClassification)).toContain(names[0]);
    expect(await byFormats(DATA_CLASSIFICATIONS.find((c) => c !== first.dataClassification)!)).not.toContain(names[0]);
    expect((await kvctl(["datasets", "--classification", "SECRET"])).code).toBe(2);

    const shown = await kvctl(["dataset", names[0]!]);
    expect(shown.code).toBe(0);
    expect(shown.stdout).toContain(`Dataset:        ${names[0]}`);
    expect(shown.stdout).toMatch(/History:\n {2}\d{4}-\d\d-\d\d {2}/);
    const missing = await kvctl(["dataset", "no_such_dataset_x"]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("(HTTP 404 NOT_FOUND)");
  });

  test("export streams the view to a file", async () => {
    const out = path.join(work, "export.csv");
    const res = await kvctl(["export", "--requester", "all", "--team", "payments", "--format", "csv", "--output", out]);
    expect(res.code).toBe(0);
    const lines = readFileSync(out, "utf8").trim().split("\n");
    expect(lines[0]).toMatch(/^number,datasetName,requestType,/);
    expect(lines.length).toBeGreaterThan(2);
    const json = await kvctl(["export", "--requester", "me", "--format", "json"]);
    expect(JSON.parse(json.stdout).every((r: { requester: { email: string } }) => r.requester.email === "alice@example.com")).toBe(true);
  });

  test("errors: another server, an unreachable one, an unknown token, a bad status", async () => {
    // The saved token belongs to the e2e server: it is not sent anywhere else.
    const elsewhere = await kvctl(["list"], { KVCTL_URL: "http://127.0.0.1:9" });
    expect(elsewhere.code).toBe(1);
    expect(elsewhere.stderr).toContain("Not signed in to http://127.0.0.1:9");
    const down = await kvctl(["list"], { KVCTL_URL: "http://127.0.0.1:9", KVCTL_TOKEN: alice });
    expect(down.code).toBe(3);
    expect(down.stderr).toContain("Cannot reach http://127.0.0.1:9");
    const bad = await kvctl(["list"], { KVCTL_TOKEN: "kvs_" + "y".repeat(43) });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain("HTTP 401");
    const badStatus = await kvctl(["transition", "KV-1", "DONE"]);
    expect(badStatus.code).toBe(2);
    expect(badStatus.stderr).toContain("to: to must be one of");
  });
});

// ---- these two need the issue #3 routes (transitions, comments) -------------------

test("transition: an admin moves a request on, with a note", async () => {
  const file = path.join(work, "to-transition.json");
  writeFileSync(file, JSON.stringify(request(unique("trans"))));
  const number = /Created (KV-\d+)/.exec((await kvctl(["create", "--file", file], { KVCTL_TOKEN: alice })).stdout)![1]!;
  const moved = await kvctl(["transition", number, "in_review", "--note", "Looking at it"], { KVCTL_TOKEN: admin });
  expect(moved.stderr).toBe("");
  expect(moved.code).toBe(0);
  expect(moved.stdout).toContain(`${number} (`);
  expect(moved.stdout).toContain("is now IN_REVIEW");
  const illegal = await kvctl(["transition", number, "COMPLETED"], { KVCTL_TOKEN: admin });
  expect(illegal.code).toBe(1);
  expect(illegal.stderr).toContain("ILLEGAL_TRANSITION");
});

test("comment on a request", async () => {
  const file = path.join(work, "to-comment.json");
  writeFileSync(file, JSON.stringify(request(unique("comm"))));
  const number = /Created (KV-\d+)/.exec((await kvctl(["create", "--file", file], { KVCTL_TOKEN: alice })).stdout)![1]!;
  const res = await kvctl(["comment", number, "The backfill can start on Monday."], { KVCTL_TOKEN: alice });
  expect(res.stderr).toBe("");
  expect(res.code).toBe(0);
  expect(res.stdout).toMatch(new RegExp(`Commented on ${number} \\(comment #\\d+\\)`));
  const detail = JSON.parse((await kvctl(["get", number, "--json"], { KVCTL_TOKEN: alice })).stdout);
  expect(detail.comments.map((c: { body: string }) => c.body)).toContain("The backfill can start on Monday.");
});

// ---- issue #19: ping, assign, priority, edit, bulk-transition, watch ----------------

/** A fresh request of alice's, SUBMITTED; its number. */
async function newRequest(prefix: string): Promise<string> {
  const file = path.join(work, `${prefix}.json`);
  writeFileSync(file, JSON.stringify(request(unique(prefix))));
  const created = await kvctl(["create", "--file", file], { KVCTL_TOKEN: alice });
  expect(created.stderr).toBe("");
  return /Created (KV-\d+)/.exec(created.stdout)![1]!;
}

test("ping: 0 when alive and ready, 3 when the server answers but is not ready or cannot be reached", async () => {
  const ok = await kvctl(["ping"]);
  expect(ok.code).toBe(0);
  expect(ok.stdout).toMatch(new RegExp(`^${BASE} is alive and ready \\(health 200 in \\d+ ms, ready 200 in \\d+ ms`));
  const json = JSON.parse((await kvctl(["ping", "--json"])).stdout);
  expect(json).toMatchObject({
    url: BASE,
    reachable: true,
    alive: true,
    ready: true,
    health: { status: 200 },
    readiness: { status: 200, body: { status: "ready" } },
  });

  // Nothing listens on this port (the top of this worktree's range).
  const down = await kvctl(["ping", "--url", "http://127.0.0.1:3579"]);
  expect(down.code).toBe(3);
  expect(down.stderr).toContain("Cannot reach http://127.0.0.1:3579");
  const downJson = await kvctl(["ping", "--json", "--url", "http://127.0.0.1:3579"]);
  expect(downJson.code).toBe(3);
  expect(JSON.parse(downJson.stdout)).toMatchObject({ reachable: false, ready: false });

  // A server that is alive but whose database does not answer: /api/ready says 503.
  const { createServer } = await import("node:http");
  const sick = createServer((req, res) => {
    const ready = req.url === "/api/ready";
    res.writeHead(ready ? 503 : 200, { "Content-Type": "application/json" });
    res.end(JSON.stringify(ready ? { error: { code: "SERVICE_UNAVAILABLE", message: "The database is not answering.", details: [] } } : { status: "ok" }));
  });
  await new Promise<void>((resolve) => sick.listen(3578, "127.0.0.1", resolve));
  try {
    const notReady = await kvctl(["ping", "--url", "http://127.0.0.1:3578"]);
    expect(notReady.code).toBe(3);
    expect(notReady.stdout).toContain("answers but is not ready (health 200");
    expect(notReady.stdout).toContain("ready 503");
    expect(notReady.stdout).toContain("The database is not answering.");
  } finally {
    sick.close();
  }
});

test("assign by email, me and none; priority; a requester may do neither", async () => {
  const number = await newRequest("assign");
  const toOps = await kvctl(["assign", number, "OPS@example.com"], { KVCTL_TOKEN: admin });
  expect(toOps.stderr).toBe("");
  expect(toOps.stdout).toMatch(new RegExp(`^${number} \\(assign_\\w+\\) is now assigned to .+ <ops@example.com>\\.`));
  const toMe = JSON.parse((await kvctl(["assign", number, "me", "--json"], { KVCTL_TOKEN: admin })).stdout);
  expect(toMe.assignee.email).toBe("admin@example.com");
  expect((await kvctl(["assign", number, "none"], { KVCTL_TOKEN: admin })).stdout).toContain("is now unassigned.");

  const notAdmin = await kvctl(["assign", number, "alice@example.com"], { KVCTL_TOKEN: admin });
  expect(notAdmin.code).toBe(1);
  expect(notAdmin.stderr).toContain("Nobody on the storage team (the admins) has the email alice@example.com");

  const urgent = await kvctl(["priority", number, "urgent"], { KVCTL_TOKEN: admin });
  expect(urgent.code).toBe(0);
  expect(urgent.stdout).toContain(`${number} (`);
  expect(urgent.stdout).toContain("now has priority URGENT.");
  const detail = JSON.parse((await kvctl(["get", number, "--json"], { KVCTL_TOKEN: alice })).stdout);
  expect(detail.priority).toBe("URGENT");
  expect(detail.history.map((e: { kind: string }) => e.kind)).toEqual(expect.arrayContaining(["ASSIGNEE", "PRIORITY"]));

  const bogus = await kvctl(["priority", number, "soon"], { KVCTL_TOKEN: admin });
  expect(bogus.code).toBe(2);
  expect(bogus.stderr).toContain("priority: Priority must be one of LOW, MEDIUM, HIGH, URGENT");
  // Requesters propose a priority on their own request, but only admins assign.
  const requester = await kvctl(["assign", number, "me"], { KVCTL_TOKEN: alice });
  expect(requester.code).toBe(1);
  expect(requester.stderr).toContain("HTTP 403");
});

test("edit from a file: checked locally, sent with the version read, a stale --version gets the API's 409", async () => {
  const number = await newRequest("edit");
  const file = path.join(work, "changes.json");
  writeFileSync(file, JSON.stringify({ readQps: 4321, ownerTeam: "payments-core" }));
  const edited = await kvctl(["edit", number, "--file", file], { KVCTL_TOKEN: alice });
  expect(edited.stderr).toBe("");
  expect(edited.code).toBe(0);
  expect(edited.stdout).toMatch(new RegExp(`^Updated ${number} \\(edit_\\w+\\): readQps, ownerTeam\\. Now at version 2, SUBMITTED\\.`));
  const detail = JSON.parse((await kvctl(["get", number, "--json"], { KVCTL_TOKEN: alice })).stdout);
  expect(detail).toMatchObject({ readQps: 4321, ownerTeam: "payments-core", version: 2 });

  writeFileSync(file, JSON.stringify({ readQps: 5000 }));
  const stale = await kvctl(["edit", number, "--file", file, "--version", "1"], { KVCTL_TOKEN: alice });
  expect(stale.code).toBe(1);
  expect(stale.stderr).toContain("Someone changed this request since you read it (it is now at version 2)");
  expect(stale.stderr).toContain("(HTTP 409 STALE_VERSION)");

  writeFileSync(file, JSON.stringify({ readQps: -1, colour: "red" }));
  const invalid = await kvctl(["edit", number, "--file", file], { KVCTL_TOKEN: alice });
  expect(invalid.code).toBe(1);
  expect(invalid.stderr).toContain("is not a valid change; nothing was sent");
  expect(invalid.stderr).toContain("readQps:");
  expect(invalid.stderr).toContain('colour: Unknown field "colour"');
  expect(JSON.parse((await kvctl(["get", number, "--json"], { KVCTL_TOKEN: alice })).stdout)).toMatchObject({ readQps: 4321, version: 2 });
});

test("bulk-transition: a result per request, exit 1 when any failed, admins only", async () => {
  const a = await newRequest("bulk");
  const b = await newRequest("bulk");
  const moved = await kvctl(["bulk-transition", "--to", "in_review", "--note", "Batch triage", a, b.replace("KV-", "")], { KVCTL_TOKEN: admin });
  expect(moved.stderr).toBe("");
  expect(moved.code).toBe(0);
  expect(moved.stdout).toMatch(new RegExp(`^${a}\\s+ok\\s+now IN_REVIEW$`, "m"));
  expect(moved.stdout).toMatch(new RegExp(`^${b}\\s+ok\\s+now IN_REVIEW$`, "m"));
  expect(moved.stdout).toContain("2 moved to IN_REVIEW, 0 failed.");

  const c = await newRequest("bulk");
  const mixed = await kvctl(["bulk-transition", "--to", "APPROVED", a, c, "--json"], { KVCTL_TOKEN: admin });
  expect(mixed.code).toBe(1);
  const results = JSON.parse(mixed.stdout).results;
  expect(results).toEqual([
    { number: a, ok: true, status: "APPROVED" },
    { number: c, ok: false, error: expect.objectContaining({ code: "ILLEGAL_TRANSITION" }) },
  ]);

  const requester = await kvctl(["bulk-transition", "--to", "CANCELLED", c], { KVCTL_TOKEN: alice });
  expect(requester.code).toBe(1);
  expect(requester.stderr).toContain("HTTP 403");
  expect((await kvctl(["bulk-transition", "--to", "DONE", c], { KVCTL_TOKEN: admin })).code).toBe(2);
});

test("watch prints a change made through the API within seconds, and stops on Ctrl-C", async () => {
  const number = await newRequest("watch");
  const child = spawn(process.execPath, [BUNDLE, "watch", "--json"], {
    cwd: work,
    env: { ...process.env, KVCTL_CONFIG_DIR: configDir, KVCTL_URL: BASE, KVCTL_TOKEN: admin },
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (d: Buffer) => (stdout += d));
  child.stderr.on("data", (d: Buffer) => (stderr += d));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  try {
    await expect.poll(() => stderr, { timeout: 20_000 }).toContain(`Watching ${BASE} for changes`);

    const api = await playwrightRequest.newContext({ baseURL: BASE, extraHTTPHeaders: { Authorization: `Bearer ${admin}` } });
    const { version } = await (await api.get(`/api/requests/${number}`)).json();
    const patched = await api.patch(`/api/requests/${number}`, { data: { priority: "HIGH", version } });
    expect(patched.status()).toBe(200);
    await api.dispose();

    const line = () => stdout.split("\n").find((l) => l.includes(`"number":"${number}"`));
    await expect.poll(line, { timeout: 5_000 }).toBeTruthy();
    expect(JSON.parse(line()!)).toMatchObject({
      number,
      version: version + 1,
      datasetName: expect.stringMatching(/^watch_/),
      status: "SUBMITTED",
      priority: "HIGH",
    });

    child.kill("SIGINT");
    expect(await exited).toBe(0);
    expect(stderr).toContain("Stopped.");
  } finally {
    child.kill("SIGKILL");
  }
});
