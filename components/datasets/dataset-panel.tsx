// On a request's page: the link to its dataset, and for a CHANGE request the
// difference it makes to the dataset. Server-rendered in static CSS, as the page is.
import NextLink from "next/link";
import { FIELD_LABELS } from "@/lib/domain/requests/field-labels";
import type { RequestDataset } from "@/lib/schemas/dataset";
import ui from "@/components/layout/static-page.module.css";

export function DatasetPanel({ dataset }: { dataset: RequestDataset }) {
  const link = (
    <NextLink href={`/datasets/${encodeURIComponent(dataset.name)}`} className={ui.link} style={{ fontFamily: "monospace" }}>
      {dataset.name}
    </NextLink>
  );
  return (
    <section aria-label="Its dataset" className={`${ui.card} ${ui.padded}`}>
      <p className={ui.body1}>Dataset: {link}</p>
      {dataset.changes && (
        <>
          <h2 className={ui.h2} style={{ marginTop: 12 }}>
            {dataset.applied ? "What this change did" : "What this change does"}
          </h2>
          {dataset.changes.length === 0 ? (
            <p className={`${ui.body1} ${ui.secondary}`}>Nothing differs from the dataset as it is now.</p>
          ) : (
            <ul style={{ margin: 0, paddingLeft: 20 }}>
              {dataset.changes.map((c) => (
                <li key={c.field}>
                  <strong>{(FIELD_LABELS as Record<string, string>)[c.field] ?? c.field}</strong>: {c.oldValue ?? "—"} → {c.newValue ?? "—"}
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  );
}
