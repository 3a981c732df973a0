// kvctl as people outside the repository get it: built into one file, packed with
// `npm pack`, installed from the tarball into an empty folder without the registry, and
// run on plain Node against the real server (the one Playwright starts). No browser.
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, request as playwrightRequest, test } from "@playwright/test";
import { build } from "esbuild";
import { DEMO_PASSWORD } from "./helpers";

const BASE = `http://localhost:${process.env.E2E_PORT ?? 3210}`;
const ROOT = path.join(__dirname, "..", "..");

type Run = { code: number; stdout: string; stderr: string };

function run(cmd: string, args: string[], opts: { cwd: string; env?: Record<string, string | undefined> }): Promise<Run> {
  return new Promise((resolve) =>
    execFile(
      cmd,
      args,
      { cwd: opts.cwd, env: (opts.env ?? process.env) as NodeJS.ProcessEnv, timeout: 120_000, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    ),
  );
}

test.describe.configure({ mode: "serial", timeout: 180_000 });

let prefix: string;
let tarball: string;

test("npm run kvctl:pack builds one bundle and packs only dist/, package.json and the README", async () => {
  const packed = await run("npm", ["run", "-s", "kvctl:pack"], { cwd: ROOT });
  expect(packed.code, packed.stderr).toBe(0);
  expect(packed.stdout).toMatch(/kvctl build: cli\/dist\/kvctl\.mjs \(\d+ KB, bundles commander, zod\)/);
  const { version } = JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8"));
  tarball = path.join(ROOT, ".tmp", `kvctl-${version}.tgz`);

  const listing = await run("tar", ["-tzf", tarball], { cwd: ROOT });
  expect(listing.stdout.trim().split("\n").sort()).toEqual([
    "package/README.md",
    "package/dist/LICENSES.txt",
    "package/dist/kvctl.mjs",
    "package/package.json",
  ]);

  // Plain JavaScript that imports nothing but Node's own modules.
  const bundle = readFileSync(path.join(ROOT, "cli", "dist", "kvctl.mjs"), "utf8");
  expect(bundle.startsWith("#!/usr/bin/env node\n")).toBe(true);
  // esbuild reads the bundle and lists what it imports (static, dynamic and require()).
  const { metafile } = await build({
    entryPoints: [path.join(ROOT, "cli", "dist", "kvctl.mjs")],
    bundle: true,
    write: false,
    metafile: true,
    platform: "node",
    format: "esm",
    packages: "external",
    logLevel: "silent",
  });
  const specifiers = Object.values(metafile.inputs).flatMap((input) => input.imports.map((i) => i.path));
  expect(specifiers.length).toBeGreaterThan(0);
  expect(specifiers.filter((s) => !s.startsWith("node:"))).toEqual([]);
  for (const serverSide of ["PrismaClient", "better-sqlite3", "server-only"]) expect(bundle).not.toContain(serverSide);

  const manifest = JSON.parse(readFileSync(path.join(ROOT, "cli", "package.json"), "utf8"));
  expect(manifest).toMatchObject({ name: "kvctl", version, bin: { kvctl: "dist/kvctl.mjs" }, files: ["dist"], engines: { node: ">=20" } });
  expect(manifest.dependencies).toBeUndefined();
});

test("the tarball installs into an empty folder offline and its kvctl runs against the app", async () => {
  prefix = mkdtempSync(path.join(os.tmpdir(), "kvctl-install-"));
  // --offline with an empty cache: nothing may come from a registry.
  const install = await run(
    "npm",
    ["install", "--no-audit", "--no-fund", "--offline", "--cache", path.join(prefix, ".npm-cache"), "--prefix", prefix, tarball],
    { cwd: prefix },
  );
  expect(install.code, install.stderr).toBe(0);
  expect(readdirSync(path.join(prefix, "node_modules")).filter((d) => !d.startsWith("."))).toEqual(["kvctl"]);

  // Run from the install folder with a bare environment: no repository, no tsx, no NODE_PATH.
  const kvctl = path.join(prefix, "node_modules", ".bin", "kvctl");
  const env = { PATH: `${path.dirname(process.execPath)}:/usr/bin:/bin`, HOME: prefix, KVCTL_CONFIG_DIR: path.join(prefix, "config") };

  const help = await run(kvctl, ["--help"], { cwd: prefix, env });
  expect(help.code).toBe(0);
  for (const command of [
    "login",
    "logout",
    "whoami",
    "list",
    "get",
    "create",
    "import",
    "export",
    "transition",
    "comment",
    "ping",
    "watch",
    "assign",
    "priority",
    "edit",
    "bulk-transition",
    "datasets",
    "dataset",
  ]) {
    expect(help.stdout).toMatch(new RegExp(`^  ${command} `, "m"));
  }
  const { version } = JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8"));
  expect((await run(kvctl, ["--version"], { cwd: prefix, env })).stdout.trim()).toBe(version);

  const ping = await run(kvctl, ["ping", "--url", BASE], { cwd: prefix, env });
  expect(ping.stderr).toBe("");
  expect(ping.code).toBe(0);
  expect(ping.stdout).toContain(`${BASE} is alive and ready`);
  const down = await run(kvctl, ["ping", "--url", "http://127.0.0.1:3579"], { cwd: prefix, env });
  expect(down.code).toBe(3);

  // The bundled schemas and the client work: a signed-in list, and local validation.
  const api = await playwrightRequest.newContext({ baseURL: BASE, extraHTTPHeaders: { Origin: BASE } });
  expect((await api.post("/api/auth/sign-in/email", { data: { email: "alice@example.com", password: DEMO_PASSWORD } })).status()).toBe(200);
  const token = (await (await api.post("/api/tokens", { data: { name: "kvctl package e2e" } })).json()).token as string;
  await api.dispose();
  const list = await run(kvctl, ["list", "--json", "--page-size", "2", "--url", BASE, "--token", token], { cwd: prefix, env });
  expect(list.code, list.stderr).toBe(0);
  expect(JSON.parse(list.stdout)).toMatchObject({ page: 1, pageSize: 2 });
  const wrong = await run(kvctl, ["list", "--page-size", "500", "--url", BASE, "--token", token], { cwd: prefix, env });
  expect(wrong.code).toBe(2);
  expect(wrong.stderr).toContain("--page-size: pageSize must be at most 100");
});
