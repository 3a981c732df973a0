import { isWaitingOn, openQuestion } from "@/lib/domain/requests/needs-info";

const admin = { id: "a", name: "Dana Admin" };
const event = (toStatus: string, note: string | null, createdAt: string, kind = "STATUS") => ({
  kind,
  toStatus: toStatus as never,
  note,
  actor: admin,
  createdAt,
});

describe("openQuestion", () => {
  it("is the note of the latest move to NEEDS_INFO", () => {
    const history = [
      event("SUBMITTED", null, "2030-01-01"),
      event("NEEDS_INFO", "Which regions?", "2030-01-02"),
      event("IN_REVIEW", "Resubmitted with changes", "2030-01-03"),
      event("NEEDS_INFO", "What is the peak read QPS?", "2030-01-04"),
      event("", null, "2030-01-05", "ASSIGNEE"),
    ];
    expect(openQuestion({ status: "NEEDS_INFO", history })).toEqual({ note: "What is the peak read QPS?", askedBy: admin, askedAt: "2030-01-04" });
  });

  it("is null outside NEEDS_INFO", () => {
    expect(openQuestion({ status: "IN_REVIEW", history: [event("NEEDS_INFO", "Which regions?", "2030-01-02")] })).toBeNull();
  });
});

it("a row waits on its requester only while NEEDS_INFO", () => {
  const row = (status: string, requesterId: string) => ({ status: status as never, requester: { id: requesterId } });
  expect(isWaitingOn("u1", row("NEEDS_INFO", "u1"))).toBe(true);
  expect(isWaitingOn("u2", row("NEEDS_INFO", "u1"))).toBe(false);
  expect(isWaitingOn("u1", row("IN_REVIEW", "u1"))).toBe(false);
  expect(isWaitingOn(undefined, row("NEEDS_INFO", "u1"))).toBe(false);
});
