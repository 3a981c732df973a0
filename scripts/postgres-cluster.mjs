#!/usr/bin/env node
// A private PostgreSQL cluster on loopback for tests, benchmarks and local runs, from
// the machine's own PostgreSQL binaries (Debian's postgresql package; .ci/run installs
// it where missing). Private, so that tests never touch a system cluster's data, and so
// that it starts the same way as root (PostgreSQL refuses to run as root: initdb and
// pg_ctl then run as the `postgres` user) and as anyone else.
//
//   node scripts/postgres-cluster.mjs start [--port 5499] [--dir /tmp/kvstore-pg-5499]
//   node scripts/postgres-cluster.mjs stop  [--port 5499] [--dir …]
//   node scripts/postgres-cluster.mjs url   [--port 5499]        prints the server URL
//
// `start` is idempotent: a cluster that already answers on the port is kept.
import { execFileSync } from "node:child_process";
import { chownSync, existsSync, mkdirSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { port: { type: "string", default: process.env.POSTGRES_TEST_PORT ?? "5499" }, dir: { type: "string" } },
});
const port = Number(values.port);
const dir = values.dir ?? `/tmp/kvstore-pg-${port}`;
const asRoot = process.getuid?.() === 0;

/** The newest installed PostgreSQL's bin folder (/usr/lib/postgresql/<major>/bin). */
function binDir() {
  const root = "/usr/lib/postgresql";
  const majors = existsSync(root) ? readdirSync(root).filter((d) => existsSync(join(root, d, "bin", "pg_ctl"))) : [];
  if (majors.length === 0) throw new Error("PostgreSQL is not installed: apt-get install -y postgresql postgresql-contrib");
  return join(root, majors.sort((a, b) => Number(b) - Number(a))[0], "bin");
}

function run(tool, args, options = {}) {
  const command = join(binDir(), tool);
  return asRoot
    ? execFileSync("runuser", ["-u", "postgres", "--", command, ...args], { encoding: "utf8", ...options })
    : execFileSync(command, args, { encoding: "utf8", ...options });
}

function answers() {
  try {
    execFileSync(join(binDir(), "pg_isready"), ["-h", "127.0.0.1", "-p", String(port), "-q"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

export function serverUrl() {
  return `postgresql://postgres@127.0.0.1:${port}`;
}

function start() {
  if (answers()) return console.log(`PostgreSQL already answers on ${port}`);
  if (!existsSync(join(dir, "PG_VERSION"))) {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    if (asRoot)
      chownSync(
        dir,
        Number(execFileSync("id", ["-u", "postgres"], { encoding: "utf8" })),
        Number(execFileSync("id", ["-g", "postgres"], { encoding: "utf8" })),
      );
    // trust on loopback only: a throwaway cluster for this machine's tests.
    run("initdb", ["-D", dir, "-A", "trust", "-U", "postgres", "-E", "UTF8", "--locale=C.UTF-8"], { stdio: "ignore" });
  }
  // Sockets in the cluster's own folder, so that two clusters (and the system one) never share one.
  run("pg_ctl", ["-D", dir, "-l", join(dir, "log"), "-w", "-o", `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c max_connections=300`, "start"], {
    stdio: "ignore",
  });
  console.log(`PostgreSQL started on ${port} (${dir})`);
}

function stop() {
  if (!existsSync(join(dir, "PG_VERSION"))) return;
  try {
    run("pg_ctl", ["-D", dir, "-m", "fast", "-w", "stop"], { stdio: "ignore" });
  } catch {
    // not running
  }
}

const command = positionals[0];
if (command === "start") start();
else if (command === "stop") stop();
else if (command === "url") console.log(serverUrl());
else {
  console.error("usage: postgres-cluster.mjs start|stop|url [--port N] [--dir D]");
  process.exit(2);
}
