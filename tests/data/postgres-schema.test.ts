// prisma/postgres/schema.prisma is derived from prisma/schema.prisma (scripts/postgres-schema.mjs):
// the committed file must be what the script makes of today's SQLite schema.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";

const run = (args: string[]) => execFileSync("node", ["scripts/postgres-schema.mjs", ...args], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });

it("the committed PostgreSQL schema is up to date with prisma/schema.prisma", () => {
  expect(run(["--check"])).toContain("is up to date");
});

it("has the same models and fields, with every DateTime as timestamptz(3)", () => {
  const sqlite = readFileSync("prisma/schema.prisma", "utf8");
  const postgres = readFileSync("prisma/postgres/schema.prisma", "utf8");
  // "name Type" of every model field (the generator and datasource lines have "=").
  const fields = (schema: string) => [...schema.matchAll(/^\s+(\w+)\s+(\w+\??)(?=\s|$)/gm)].map((m) => `${m[1]} ${m[2]}`);
  expect(fields(postgres)).toEqual(fields(sqlite));
  expect(fields(postgres)).toContain("estimatedKeyCount BigInt");
  const dateTimes = postgres.split("\n").filter((line) => /^\s+\w+\s+DateTime\??\s/.test(line));
  expect(dateTimes.length).toBeGreaterThan(40);
  for (const line of dateTimes) expect(line).toContain("@db.Timestamptz(3)");
  expect(postgres).toMatch(/provider\s*=\s*"postgresql"/);
  expect(postgres).toContain('output     = "../../lib/generated/prisma-postgres"');
});
