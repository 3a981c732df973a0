import type { RequestStatus } from "@/lib/domain/requests/options";

/** The words on the button that takes a request to a status (from a given one). */
export function transitionLabel(from: RequestStatus, to: RequestStatus, isOwner: boolean): string {
  switch (to) {
    case "IN_REVIEW":
      return from === "NEEDS_INFO" ? (isOwner ? "Resubmit" : "Back to review") : "Start review";
    case "NEEDS_INFO":
      return "Ask for info";
    case "APPROVED":
      return "Approve";
    case "PROVISIONING":
      return "Start provisioning";
    case "COMPLETED":
      return "Mark completed";
    case "REJECTED":
      return "Reject";
    case "CANCELLED":
      return "Cancel request";
    case "SUBMITTED":
      return "Submit";
  }
}
