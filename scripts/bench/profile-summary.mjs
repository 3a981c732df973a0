#!/usr/bin/env node
// Summarises a V8 .cpuprofile (node --cpu-prof): self time by function and by package,
// and inclusive time of chosen functions. Used to find where a request's time goes.
//
//   node scripts/bench/profile-summary.mjs .tmp/prof/CPU.*.cpuprofile [--top 30] [--match listRequests]
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { top: { type: "string", default: "30" }, match: { type: "string", multiple: true } },
});
const profile = JSON.parse(readFileSync(positionals[0], "utf8"));
const top = Number(values.top);
const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

// Sample counts → self time per node.
const self = new Map();
for (let i = 0; i < profile.samples.length; i++) {
  const dt = profile.timeDeltas[i] ?? 0;
  self.set(profile.samples[i], (self.get(profile.samples[i]) ?? 0) + dt);
}
const total = [...self.values()].reduce((a, b) => a + b, 0);
const idle = [...self.entries()]
  .filter(([id]) => ["(idle)", "(program)", "(garbage collector)"].includes(nodes.get(id).callFrame.functionName))
  .reduce((a, [, t]) => a + t, 0);

function where(cf) {
  const url = cf.url || "";
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url)?.[1];
  if (pkg) return pkg;
  if (url.includes("/.next/server/chunks/")) return "app (server chunks)";
  if (url.startsWith("node:") || !url) return url || "(native)";
  return url.replace(/^file:\/\//, "").replace(process.cwd() + "/", "");
}

const byFn = new Map();
const byPkg = new Map();
for (const [id, t] of self) {
  const cf = nodes.get(id).callFrame;
  const key = `${cf.functionName || "(anonymous)"} ${where(cf)}:${cf.lineNumber + 1}`;
  byFn.set(key, (byFn.get(key) ?? 0) + t);
  const pkg = ["(idle)", "(program)", "(garbage collector)"].includes(cf.functionName) ? cf.functionName : where(cf);
  byPkg.set(pkg, (byPkg.get(pkg) ?? 0) + t);
}

const ms = (us) => `${(us / 1000).toFixed(0).padStart(7)} ms`;
const share = (us) => `${((us / (total - idle)) * 100).toFixed(1).padStart(5)} %`;
console.log(`total ${ms(total)}, busy ${ms(total - idle)} (shares below are of busy time)\n`);
console.log("self time by package");
for (const [k, t] of [...byPkg].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${ms(t)} ${share(t)}  ${k}`);
console.log("\nself time by function");
for (const [k, t] of [...byFn].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${ms(t)} ${share(t)}  ${k}`);

// Inclusive time: a sample counts for a function when it is anywhere on the stack.
for (const pattern of values.match ?? []) {
  const re = new RegExp(pattern);
  let inclusive = 0;
  for (const [id, t] of self) {
    let cur = id;
    while (cur !== undefined) {
      if (re.test(nodes.get(cur).callFrame.functionName)) {
        inclusive += t;
        break;
      }
      cur = parent.get(cur);
    }
  }
  console.log(`\ninclusive time of /${pattern}/: ${ms(inclusive)} ${share(inclusive)}`);
}
