import { listRequestsQuerySchema } from "@/lib/schemas/request";
import { LIST_QUERY_DEFAULTS, LIST_QUERY_FIELDS } from "@/lib/schemas/list-params";

// The queue reads its URL without zod (list-params.ts); the API validates with the zod
// schema. Both must read every field the same way.
const INPUTS: (string | string[])[] = [
  "",
  " ",
  "number",
  "datasetName",
  "assignee",
  "NUMBER",
  " number",
  "asc",
  "desc",
  "DESC",
  "SUBMITTED",
  "IN_REVIEW",
  "submitted",
  ["SUBMITTED", "IN_REVIEW"],
  ["SUBMITTED", "NOPE"],
  ["asc", "desc"],
  "NEW",
  "MIGRATION",
  "URGENT",
  "LOW",
  "payments",
  "  payments  ",
  "x",
  "x".repeat(64),
  "x".repeat(65),
  "x".repeat(80),
  "x".repeat(81),
  "me",
  "all",
  "unassigned",
  "user_alice",
  "q".repeat(200),
  ` ${"q".repeat(200)} `,
  "q".repeat(201),
  "0",
  "1",
  "007",
  "25",
  "100",
  "101",
  "100000",
  "100001",
  "1e3",
  "-1",
  "1.5",
  " 5",
  "999999999",
  "1234567890",
];

it.each(Object.keys(LIST_QUERY_FIELDS) as (keyof typeof LIST_QUERY_FIELDS)[])("reads %s as the schema does", (field) => {
  for (const raw of INPUTS) {
    const parsed = listRequestsQuerySchema.shape[field].safeParse(raw);
    expect({ raw, value: LIST_QUERY_FIELDS[field](raw) }).toEqual({ raw, value: parsed.success ? parsed.data : undefined });
  }
});

it("has the schema's defaults and every field", () => {
  expect(listRequestsQuerySchema.parse({})).toEqual(LIST_QUERY_DEFAULTS);
  expect(Object.keys(LIST_QUERY_FIELDS).sort()).toEqual(Object.keys(listRequestsQuerySchema.shape).sort());
});
