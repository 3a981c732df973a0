import type { DatasetDetail } from "@/lib/schemas/dataset";
import type { CreateRequestInput } from "@/lib/schemas/request";
import { DATASET_METADATA_FIELDS } from "@/lib/domain/datasets/options";

/** The request form's values for a CHANGE or DECOMMISSION of a dataset: its current metadata. */
export function datasetPrefill(dataset: DatasetDetail, requestType: "CHANGE" | "DECOMMISSION"): Partial<CreateRequestInput> {
  return {
    ...Object.fromEntries(DATASET_METADATA_FIELDS.map((f) => [f, dataset[f]])),
    datasetName: dataset.name,
    requestType,
    sourceSystem: null,
    priority: "MEDIUM",
  };
}
