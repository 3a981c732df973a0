import Chip, { type ChipProps } from "@mui/material/Chip";
import { LABELS, type Priority, type RequestStatus } from "@/lib/domain/requests/options";

const STATUS_COLOR: Record<RequestStatus, ChipProps["color"]> = {
  SUBMITTED: "info",
  IN_REVIEW: "primary",
  NEEDS_INFO: "warning",
  APPROVED: "secondary",
  PROVISIONING: "secondary",
  COMPLETED: "success",
  REJECTED: "error",
  CANCELLED: "default",
};

const PRIORITY_COLOR: Record<Priority, ChipProps["color"]> = {
  LOW: "default",
  MEDIUM: "info",
  HIGH: "warning",
  URGENT: "error",
};

export function StatusChip({ status, size = "small" }: { status: RequestStatus; size?: ChipProps["size"] }) {
  return <Chip label={LABELS.status[status]} color={STATUS_COLOR[status]} size={size} variant="outlined" />;
}

export function PriorityChip({ priority, size = "small" }: { priority: Priority; size?: ChipProps["size"] }) {
  return <Chip label={LABELS.priority[priority]} color={PRIORITY_COLOR[priority]} size={size} variant="outlined" />;
}
