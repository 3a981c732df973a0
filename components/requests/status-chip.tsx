import { OutlinedChip, type ChipColor } from "@/components/layout/outlined-chip";
import { LABELS, type Priority, type RequestStatus } from "@/lib/domain/requests/options";

const STATUS_COLOR: Record<RequestStatus, ChipColor> = {
  SUBMITTED: "info",
  IN_REVIEW: "primary",
  NEEDS_INFO: "warning",
  APPROVED: "secondary",
  PROVISIONING: "secondary",
  COMPLETED: "success",
  REJECTED: "error",
  CANCELLED: "default",
};

const PRIORITY_COLOR: Record<Priority, ChipColor> = {
  LOW: "default",
  MEDIUM: "info",
  HIGH: "warning",
  URGENT: "error",
};

type Size = "small" | "medium";

export function StatusChip({ status, size = "small" }: { status: RequestStatus; size?: Size }) {
  return <OutlinedChip label={LABELS.status[status]} color={STATUS_COLOR[status]} size={size} />;
}

export function PriorityChip({ priority, size = "small" }: { priority: Priority; size?: Size }) {
  return <OutlinedChip label={LABELS.priority[priority]} color={PRIORITY_COLOR[priority]} size={size} />;
}
