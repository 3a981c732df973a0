import { REQUEST_STATUSES } from "@/lib/domain/requests/options";
import { allowedTransitions, canOverrideChecklist, findTransition, openChecklistSteps, TRANSITIONS } from "@/lib/domain/requests/workflow";
import { actorsFor, availableActions, canEditFields } from "@/lib/domain/requests/permissions";

describe("the transition table", () => {
  it("matches the workflow of PRODUCT.md", () => {
    const edges = Object.entries(TRANSITIONS).flatMap(([from, ts]) => ts.map((t) => `${from}>${t.to}`));
    expect(edges.sort()).toEqual(
      [
        "SUBMITTED>IN_REVIEW",
        "SUBMITTED>REJECTED",
        "SUBMITTED>CANCELLED",
        "IN_REVIEW>APPROVED",
        "IN_REVIEW>NEEDS_INFO",
        "IN_REVIEW>REJECTED",
        "IN_REVIEW>CANCELLED",
        "NEEDS_INFO>IN_REVIEW",
        "NEEDS_INFO>REJECTED",
        "NEEDS_INFO>CANCELLED",
        "APPROVED>PROVISIONING",
        "APPROVED>CANCELLED",
        "PROVISIONING>COMPLETED",
      ].sort(),
    );
  });

  it("ends nowhere from a closed status", () => {
    for (const s of ["COMPLETED", "REJECTED", "CANCELLED"] as const) expect(TRANSITIONS[s]).toEqual([]);
  });

  it("requires a note to reject or ask for information, and only then", () => {
    for (const [from, ts] of Object.entries(TRANSITIONS)) {
      for (const t of ts) expect([from, t.to, Boolean(t.noteRequired)]).toEqual([from, t.to, t.to === "REJECTED" || t.to === "NEEDS_INFO"]);
    }
  });

  it("lets nobody cancel once provisioning has started", () => {
    for (const from of ["PROVISIONING", "COMPLETED"] as const) expect(findTransition(from, "CANCELLED")).toBeUndefined();
    for (const from of ["SUBMITTED", "IN_REVIEW", "NEEDS_INFO", "APPROVED"] as const) {
      expect(findTransition(from, "CANCELLED")?.by).toEqual(expect.arrayContaining(["OWNER", "ADMIN"]));
    }
  });

  it("gives requesters only cancel and resubmit; admins everything else", () => {
    for (const from of REQUEST_STATUSES) {
      const owner = allowedTransitions(from, ["OWNER"]).map((t) => t.to);
      expect(owner.every((to) => to === "CANCELLED" || (from === "NEEDS_INFO" && to === "IN_REVIEW"))).toBe(true);
      expect(allowedTransitions(from, ["ADMIN"]).map((t) => t.to)).toEqual(TRANSITIONS[from].map((t) => t.to));
    }
  });
});

describe("permissions", () => {
  const owner = { id: "u1", role: "REQUESTER" as const };
  const other = { id: "u2", role: "REQUESTER" as const };
  const admin = { id: "a1", role: "ADMIN" as const };

  it("knows who wears which hat", () => {
    expect(actorsFor(owner, { requesterId: "u1" })).toEqual(["OWNER"]);
    expect(actorsFor(other, { requesterId: "u1" })).toEqual([]);
    expect(actorsFor(admin, { requesterId: "u1" })).toEqual(["ADMIN"]);
    expect(actorsFor(admin, { requesterId: "a1" })).toEqual(["ADMIN", "OWNER"]);
  });

  it("lets only the requester edit, and only while Submitted or Needs info", () => {
    for (const status of REQUEST_STATUSES) {
      expect(canEditFields(owner, { requesterId: "u1", status })).toBe(status === "SUBMITTED" || status === "NEEDS_INFO");
      expect(canEditFields(admin, { requesterId: "u1", status })).toBe(false);
      expect(canEditFields(other, { requesterId: "u1", status })).toBe(false);
    }
  });

  it("offers another requester nothing", () => {
    expect(availableActions(other, { requesterId: "u1", status: "SUBMITTED" })).toEqual({
      transitions: [],
      editFields: false,
      setPriority: false,
      setAdminFields: false,
    });
  });
});

describe("the migration checklist rule", () => {
  const completing = findTransition("PROVISIONING", "COMPLETED");
  it("guards completion of a migration and nothing else", () => {
    const guarded = Object.entries(TRANSITIONS).flatMap(([from, ts]) => ts.filter((t) => t.checklistDone).map((t) => `${from}>${t.to}`));
    expect(guarded).toEqual(["PROVISIONING>COMPLETED"]);
    expect(openChecklistSteps(completing, { requestType: "MIGRATION", checklist: ["BACKFILL", "DUAL_WRITES"] })).toEqual([
      "VERIFICATION",
      "CUT_OVER",
      "LEGACY_DECOMMISSION",
    ]);
    expect(openChecklistSteps(completing, { requestType: "NEW", checklist: [] })).toEqual([]);
    expect(openChecklistSteps(findTransition("APPROVED", "PROVISIONING"), { requestType: "MIGRATION", checklist: [] })).toEqual([]);
  });
  it("lets admins override, nobody else", () => {
    expect(canOverrideChecklist(["ADMIN"])).toBe(true);
    expect(canOverrideChecklist(["OWNER"])).toBe(false);
  });
});
