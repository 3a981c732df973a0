// Every message the request schema can give is for people: it names the field by its
// label and says what to type. This walks every field with the values the form's inputs
// produce and the ones a tool's JSON can hold, and fails on zod's defaults ("Invalid
// input", "expected number, received undefined"), on a quoted pattern and on a type name.
import { zodIssuesToDetails } from "@/lib/api/errors";
import { FIELD_LABELS } from "@/lib/domain/requests/field-labels";
import {
  createRequestBodySchema,
  requestFieldsSchema,
  requestFieldsShape,
  requestFormSchemaFor,
  updateRequestBodySchema,
  type CreateRequestInput,
} from "@/lib/schemas/request";
import { validRequest } from "@/lib/schemas/valid-request.fixture";

const valid: CreateRequestInput = { ...validRequest, backupsEnabled: true, backupRetentionDays: 30 };

// What the form's inputs hand the schema (text boxes give strings, "" for empty; number
// boxes give a number, NaN or nothing; selects a code or nothing; the switch a boolean)…
const FORM_VALUES: unknown[] = [undefined, "", "  ", "abc", "12abc", "1,5", Number.NaN, 0, -1, 1.5, 0.0001, 1e12, "0", "-3", "9".repeat(25)];
// …and what a tool's JSON can hold besides.
const JSON_VALUES: unknown[] = [
  null,
  true,
  false,
  {},
  [],
  [1],
  ["mars-1"],
  ["us-east-1", "us-east-1"],
  "x".repeat(5000),
  "a\u0000b",
  "\ud800",
  "2000-01-01",
  "2099-02-30",
  "31/12/2099",
  "ftp://host/path",
  "not an email",
  "Bad Name",
  "MIGRATION",
  Number.MAX_SAFE_INTEGER + 2,
];

const TYPE_NAMES = /\b(string|number|boolean|undefined|null|object|array|bigint|NaN|int|float)\b/;
const ZOD_DEFAULTS = /invalid input|invalid string|invalid option|expected|received|too small|too big|unrecognized/i;
// A quoted regular expression: /…/ with pattern syntax, or its tell-tale pieces.
const REGEX = /\/\^|\$\/|\\[dswDSW.]|\[[^\]]*\]|\{\d+,?\d*\}|\(\?:/;

type Label = keyof typeof FIELD_LABELS;
const SCHEMAS = {
  "POST /api/requests and the new-request form": createRequestBodySchema,
  "the edit form": requestFormSchemaFor("2024-01-01"),
  "a merged PATCH": requestFieldsSchema,
  "a PATCH body": updateRequestBodySchema,
} as const;

function badMessages(schema: (typeof SCHEMAS)[keyof typeof SCHEMAS], input: Record<string, unknown>) {
  const result = schema.safeParse(input);
  if (result.success) return [];
  return zodIssuesToDetails(result.error.issues).flatMap(({ path, message }) => {
    const field = path.split(".")[0] as Label;
    const label = FIELD_LABELS[field];
    const problems = [
      !label && `no field at "${path}"`,
      label && !message.toLowerCase().includes(label.toLowerCase()) && `does not name ${label}`,
      TYPE_NAMES.test(message) && "names a type",
      ZOD_DEFAULTS.test(message) && "is zod's default",
      REGEX.test(message) && "quotes a pattern",
    ].filter(Boolean);
    return problems.length ? [`${path} = ${JSON.stringify(input[field])?.slice(0, 30)}: "${message}" ${problems.join(", ")}`] : [];
  });
}

describe.each(Object.entries(SCHEMAS))("every message of %s", (_, schema) => {
  const fields = Object.keys(requestFieldsShape) as Label[];

  it.each(fields)("%s: missing, wrong type, out of range, bad format", (field) => {
    const found = [...FORM_VALUES, ...JSON_VALUES].flatMap((value) => {
      const input: Record<string, unknown> = { ...valid, [field]: value };
      if (value === undefined) delete input[field];
      return badMessages(schema, input);
    });
    expect(found).toEqual([]);
  });

  it("with everything wrong at once", () => {
    for (const value of [...FORM_VALUES, ...JSON_VALUES]) {
      expect(badMessages(schema, Object.fromEntries(fields.map((f) => [f, value])))).toEqual([]);
    }
    expect(badMessages(schema, {})).toEqual([]);
  });
});

it("says what it wants when the body is not an object of fields", () => {
  for (const body of [null, "text", 12, [1, 2]]) {
    const result = createRequestBodySchema.safeParse(body);
    expect(result.error?.issues.map((i) => i.message)).toEqual([expect.stringMatching(/^Send the request's fields as a JSON document/)]);
  }
});

describe("one pass: the first answer lists every problem, cross-field rules included", () => {
  // A migration from a legacy store, with every answer wrong or missing.
  const everythingWrong = {
    datasetName: "Payments Ledger!",
    requestType: "MIGRATION",
    ownerTeam: "p",
    contactEmail: "not an email",
    useCase: "too short",
    keyFormat: "",
    valueFormat: "THRIFT",
    ingestion: "BATCH",
    estimatedSizeGb: -1,
    estimatedKeyCount: "about a billion",
    readQps: 1.5,
    writeQps: "lots",
    p99LatencyMs: 0,
    ttlDays: 0,
    regions: [],
    backupsEnabled: true,
    neededBy: "2001-09-09",
  };

  it("reports every field, the cross-field rules among them", () => {
    const result = createRequestBodySchema.safeParse(everythingWrong);
    const byPath = Object.fromEntries(result.error!.issues.map((i) => [i.path.join("."), i.message]));
    expect(Object.keys(byPath).sort()).toEqual(
      [
        "datasetName",
        "ownerTeam",
        "contactEmail",
        "useCase",
        "keyFormat",
        "updateFrequency",
        "estimatedSizeGb",
        "estimatedKeyCount",
        "readQps",
        "writeQps",
        "p99LatencyMs",
        "ttlDays",
        "regions",
        "dataClassification",
        // the cross-field rules and the date
        "sourceSystem",
        "valueSchema",
        "sourceLocation",
        "backupRetentionDays",
        "neededBy",
      ].sort(),
    );
    expect(byPath.sourceSystem).toMatch(/required for a migration/);
    expect(byPath.valueSchema).toMatch(/required for Thrift/);
    expect(byPath.sourceLocation).toMatch(/required for batch ingestion/);
    expect(byPath.backupRetentionDays).toMatch(/required when backups are on/);
    expect(byPath.neededBy).toMatch(/cannot be in the past/);
    expect(byPath.estimatedKeyCount).toBe("Estimated key count must be a whole count of keys above 0, in digits (e.g. 250000000)");
  });

  it("whatever another field holds, the cross-field rules still answer", () => {
    const crossFieldWrong = { requestType: "MIGRATION", valueFormat: "PROTOBUF", ingestion: "BATCH", backupsEnabled: true, neededBy: "2001-09-09" };
    const fields = (Object.keys(requestFieldsShape) as Label[]).filter((f) => !(f in crossFieldWrong) && f !== "sourceSystem");
    for (const field of fields) {
      for (const value of [...FORM_VALUES, ...JSON_VALUES]) {
        const result = createRequestBodySchema.safeParse({ ...valid, ...crossFieldWrong, backupRetentionDays: undefined, [field]: value });
        const paths = result.error!.issues.map((i) => i.path.join("."));
        const missing = ["sourceSystem", "valueSchema", "sourceLocation", "backupRetentionDays", "neededBy"].filter((p) => !paths.includes(p) && p !== field);
        expect([field, value, missing]).toEqual([field, value, []]);
      }
    }
  });

  it("a badly written date is one problem, not also a date in the past", () => {
    const result = createRequestBodySchema.safeParse({ ...valid, neededBy: "1.5" });
    expect(result.error!.issues.map((i) => i.message)).toEqual([expect.stringMatching(/^Needed by must be a date written as YYYY-MM-DD/)]);
  });
});
