// The committed migrations and prisma/schema.prisma describe the same database.
import { execFileSync } from "node:child_process";

it("prisma/migrations produce exactly the schema in prisma/schema.prisma", () => {
  const out = execFileSync("node", ["scripts/new-migration.mjs", "--check"], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  expect(out).toContain("migrations match the schema");
}, 60_000);
