// Checks an OpenAPI document (a file, or stdin) against the official OpenAPI JSON
// schema; used by tests/api/openapi.test.ts. Prints the problems and exits 1 when invalid.
import { readFileSync } from "node:fs";
import { Validator } from "@seriousme/openapi-schema-validator";

const text = readFileSync(process.argv[2] ?? 0, "utf8");
const result = await new Validator().validate(JSON.parse(text));
if (!result.valid) {
  console.error(JSON.stringify(result.errors, null, 2));
  process.exit(1);
}
console.log(`valid OpenAPI ${JSON.parse(text).openapi}`);
