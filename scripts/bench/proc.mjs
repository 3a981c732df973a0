// A server process and its descendants as /proc sees them (Linux): their resident memory
// and CPU time, for the transfer and memory groups.
import { readdirSync, readFileSync } from "node:fs";

/** /proc's clock ticks per second (USER_HZ: 100 on Linux). */
const CLOCK_TICKS = 100;

/** A process and its descendants (Linux /proc). */
function processTree(pid) {
  const all = [];
  const pids = [pid];
  while (pids.length) {
    const p = pids.pop();
    all.push(p);
    try {
      for (const t of readdirSync(`/proc/${p}/task`)) {
        const children = readFileSync(`/proc/${p}/task/${t}/children`, "utf8").trim();
        if (children) pids.push(...children.split(/\s+/).map(Number));
      }
    } catch {
      /* the process ended between two reads */
    }
  }
  return all;
}

/** Sums `read(pid)` over the tree; a process that ended meanwhile counts 0. */
function overTree(pid, read) {
  let total = 0;
  for (const p of processTree(pid)) {
    try {
      total += read(p);
    } catch {
      /* ended */
    }
  }
  return total;
}

/** Resident memory of the tree, in bytes. */
export const treeRss = (pid) => overTree(pid, (p) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${p}/status`, "utf8"))?.[1] ?? 0) * 1024);

/** CPU seconds (user + system) the tree has used so far: utime and stime, the 12th and 13th fields after the command. */
export const treeCpu = (pid) =>
  overTree(pid, (p) => {
    const fields = readFileSync(`/proc/${p}/stat`, "utf8").split(") ")[1].split(" ");
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
  });
