import { safeNextPath } from "./safe-next-path";

describe("safeNextPath", () => {
  it.each([
    ["/requests/KV-12", "/requests/KV-12"],
    ["/requests?status=SUBMITTED&sort=priority#top", "/requests?status=SUBMITTED&sort=priority#top"],
    ["/datasets/payments_ledger", "/datasets/payments_ledger"],
    ["/a/../requests", "/requests"],
  ])("keeps a path on this site: %s", (next, expected) => {
    expect(safeNextPath(next)).toBe(expected);
  });

  it.each([
    undefined,
    null,
    "",
    "requests",
    "https://evil.example/",
    "//evil.example/",
    "/\\evil.example/",
    "/\t/evil.example/", // browsers drop the tab: //evil.example/
    "/\n/evil.example/", // a newline in Location is a 500 (or header injection)
    "/\r\n/evil.example/",
    "/\u0000/evil.example/",
    "\t//evil.example/",
    "/%09/evil.example/".replace("%09", "\t"),
    "/.//evil.example/",
    "/requests\u007f",
  ])("falls back to the queue for %j", (next) => {
    expect(safeNextPath(next)).toBe("/requests");
  });
});
