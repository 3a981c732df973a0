import { OutlinedChip, type ChipColor } from "@/components/layout/outlined-chip";
import { DATASET_STATUS_LABELS, type DatasetStatus } from "@/lib/domain/datasets/options";

const COLOR: Record<DatasetStatus, ChipColor> = { LIVE: "success", DECOMMISSIONING: "warning", DECOMMISSIONED: "default" };

export function DatasetStatusChip({ status, size = "small" }: { status: DatasetStatus; size?: "small" | "medium" }) {
  return <OutlinedChip label={DATASET_STATUS_LABELS[status]} color={COLOR[status]} size={size} />;
}
