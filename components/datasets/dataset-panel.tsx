// On a request's page: the link to its dataset, and for a CHANGE request the
// difference it makes to the dataset.
import NextLink from "next/link";
import Box from "@mui/material/Box";
import Link from "@mui/material/Link";
import Paper from "@mui/material/Paper";
import Typography from "@mui/material/Typography";
import { FIELD_LABELS } from "@/lib/domain/requests/field-labels";
import type { RequestDataset } from "@/lib/schemas/dataset";

export function DatasetPanel({ dataset }: { dataset: RequestDataset }) {
  const link = (
    <Link component={NextLink} href={`/datasets/${encodeURIComponent(dataset.name)}`} sx={{ fontFamily: "monospace" }}>
      {dataset.name}
    </Link>
  );
  return (
    <Paper component="section" aria-label="Its dataset" sx={{ p: 2 }}>
      <Typography>Dataset: {link}</Typography>
      {dataset.changes && (
        <>
          <Typography variant="h2" sx={{ mt: 1.5, mb: 1 }}>
            {dataset.applied ? "What this change did" : "What this change does"}
          </Typography>
          {dataset.changes.length === 0 ? (
            <Typography color="textSecondary">Nothing differs from the dataset as it is now.</Typography>
          ) : (
            <Box component="ul" sx={{ m: 0, pl: 2.5 }}>
              {dataset.changes.map((c) => (
                <li key={c.field}>
                  <strong>{(FIELD_LABELS as Record<string, string>)[c.field] ?? c.field}</strong>: {c.oldValue ?? "—"} → {c.newValue ?? "—"}
                </li>
              ))}
            </Box>
          )}
        </>
      )}
    </Paper>
  );
}
