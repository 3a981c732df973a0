import { mentionedLocalParts } from "@/lib/domain/requests/mentions";

it("finds @names at word starts, once each, lower-cased, without a sentence's full stop", () => {
  expect(mentionedLocalParts("@Alice can you check? cc @bob.smith and @alice.")).toEqual(["alice", "bob.smith"]);
});

it("ignores email addresses and paths", () => {
  expect(mentionedLocalParts("mail ops@example.com or see /users/@me")).toEqual([]);
});
