import { decodeListCursor, encodeListCursor, type ListCursor } from "./list-cursor";

describe("list cursors", () => {
  it.each<ListCursor>([
    { sort: "number", order: "desc", value: null, number: 500_000 },
    { sort: "datasetName", order: "asc", value: "größe_café_€", number: 7 },
    { sort: "assignee", order: "asc", value: null, number: 3 },
    { sort: "status", order: "desc", value: 4, number: 9 },
    { sort: "updatedAt", order: "asc", value: "2026-11-30T12:00:00.000Z", number: 12 },
  ])("round-trip %j through URL-safe text", (cursor) => {
    const text = encodeListCursor(cursor);
    expect(text).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeListCursor(text)).toEqual(cursor);
  });

  it("refuses text that is not a cursor of this server", () => {
    const enc = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
    for (const raw of [
      "",
      "a+b/c=",
      enc({ sort: "number" }),
      enc(["number", "desc", null]),
      enc(["useCase", "desc", "x", 1]),
      enc(["number", "up", null, 1]),
      enc(["number", "desc", null, 0]),
      enc(["number", "desc", "x", 1]),
      enc(["status", "desc", "SUBMITTED", 1]),
      enc(["createdAt", "desc", "yesterday", 1]),
      enc(["datasetName", "desc", null, 1]),
      Buffer.from([0xff, 0xfe]).toString("base64url"),
    ])
      expect(decodeListCursor(raw)).toBeNull();
  });
});
