"use client";
// The dialog where admins set a dataset's provisioned facts and links (PATCH
// /api/datasets/{name}); only the fields that changed are sent, and the page reloads its
// data from the server. Loaded when first opened (dataset-facts-editor.tsx).
import { useState } from "react";
import { useRouter } from "next/navigation";
import Alert from "@mui/material/Alert";
import Button from "@mui/material/Button";
import Dialog from "@mui/material/Dialog";
import DialogActions from "@mui/material/DialogActions";
import DialogContent from "@mui/material/DialogContent";
import DialogTitle from "@mui/material/DialogTitle";
import Stack from "@mui/material/Stack";
import TextField from "@mui/material/TextField";
import { apiFetch, ApiClientError } from "@/lib/queries/api-client";
import { DATASET_FACT_FIELDS, DATASET_FACT_LABELS, type DatasetFactField } from "@/lib/domain/datasets/options";
import { updateDatasetBodySchema, type DatasetDetail } from "@/lib/schemas/dataset";
import { useToast } from "@/components/feedback/toast-provider";

const NUMBERS: readonly DatasetFactField[] = ["actualSizeGb", "peakQps"];

/** The form's text for a stored value: provisionedAt as a datetime-local value in UTC. */
function asInput(field: DatasetFactField, value: DatasetDetail[DatasetFactField]): string {
  if (value === null) return "";
  if (field === "provisionedAt") return String(value).slice(0, 16);
  return String(value);
}

function fromInput(field: DatasetFactField, text: string): unknown {
  const t = text.trim();
  if (t === "") return null;
  if (NUMBERS.includes(field)) return Number(t);
  if (field === "provisionedAt") return `${t}:00Z`;
  return t;
}

type Props = { dataset: DatasetDetail; open: boolean; onClose: () => void };

/** Starts from the stored values each time it is mounted (the editor remounts it per opening). */
export function DatasetFactsDialog({ dataset, open, onClose }: Props) {
  const router = useRouter();
  const toast = useToast();
  const initial = Object.fromEntries(DATASET_FACT_FIELDS.map((f) => [f, asInput(f, dataset[f])])) as Record<DatasetFactField, string>;
  const [values, setValues] = useState(initial);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  async function save() {
    const changed = DATASET_FACT_FIELDS.filter((f) => values[f] !== initial[f]);
    if (changed.length === 0) return onClose();
    const body = Object.fromEntries(changed.map((f) => [f, fromInput(f, values[f])]));
    const parsed = updateDatasetBodySchema.safeParse(body);
    if (!parsed.success) {
      return setErrors(Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0]), i.message])));
    }
    setSaving(true);
    try {
      await apiFetch(`/api/datasets/${encodeURIComponent(dataset.name)}`, { method: "PATCH", json: body });
      toast("Provisioned facts saved");
      onClose();
      router.refresh();
    } catch (error) {
      if (error instanceof ApiClientError) {
        setErrors(Object.fromEntries(error.details.map((d) => [d.path, d.message])));
        setFailure(error.message);
      } else throw error;
    } finally {
      setSaving(false);
    }
  }

  return (
    <Dialog open={open} onClose={onClose} fullWidth maxWidth="sm">
      <DialogTitle>Provisioned facts and links</DialogTitle>
      <DialogContent>
        <Stack spacing={2} sx={{ pt: 1 }}>
          {failure && <Alert severity="error">{failure}</Alert>}
          {DATASET_FACT_FIELDS.map((f) => (
            <TextField
              key={f}
              label={DATASET_FACT_LABELS[f] + (f === "provisionedAt" ? " (UTC)" : "")}
              type={f === "provisionedAt" ? "datetime-local" : NUMBERS.includes(f) ? "number" : "text"}
              value={values[f]}
              onChange={(e) => setValues((v) => ({ ...v, [f]: e.target.value }))}
              error={Boolean(errors[f])}
              helperText={errors[f] ?? (f.endsWith("Url") ? "An http:// or https:// address" : undefined)}
              slotProps={{ inputLabel: { shrink: true } }}
            />
          ))}
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Cancel</Button>
        <Button variant="contained" onClick={save} disabled={saving}>
          Save
        </Button>
      </DialogActions>
    </Dialog>
  );
}
