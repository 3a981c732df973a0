// A request's or a dataset's metadata in the form's sections, with its labels.
import type { CSSProperties, ReactNode } from "react";
import { LABELS } from "@/lib/domain/requests/options";
import { FIELD_LABELS } from "@/lib/domain/requests/field-labels";
import { formatDate } from "@/lib/format/time";
import type { RequestDetail } from "@/lib/schemas/request";
import { PriorityChip } from "@/components/requests/status-chip";
import { DatasetName } from "@/components/layout/dataset-name";
import type { DatasetMetadataField } from "@/lib/domain/datasets/options";
import ui from "@/components/layout/static-page.module.css";
import styles from "./metadata-sections.module.css";

/** What the sections show: a request, or a dataset (without needed-by and priority). */
export type SectionMetadata = Pick<RequestDetail, DatasetMetadataField | "datasetName" | "requestType" | "sourceSystem"> &
  Partial<Pick<RequestDetail, "neededBy" | "priority">>;

export const none = <span className={styles.secondary}>—</span>;
const integer = (n: number) => n.toLocaleString("en-US");

/** The metadata sections, in the form's order and with its labels. */
function sections(r: SectionMetadata): { title: string; rows: SectionRows }[] {
  return [
    {
      title: "Dataset",
      rows: [
        [
          FIELD_LABELS.datasetName,
          <span key="value" className={styles.mono}>
            <DatasetName name={r.datasetName} />
          </span>,
        ],
        [FIELD_LABELS.requestType, LABELS.requestType[r.requestType]],
        [FIELD_LABELS.sourceSystem, r.sourceSystem ? LABELS.sourceSystem[r.sourceSystem] : none],
      ],
    },
    {
      title: "Ownership",
      rows: [
        [FIELD_LABELS.ownerTeam, r.ownerTeam],
        [
          FIELD_LABELS.contactEmail,
          <a key="value" className={ui.link} href={`mailto:${r.contactEmail}`}>
            {r.contactEmail}
          </a>,
        ],
        [
          FIELD_LABELS.useCase,
          <span key="value" className={styles.preWrap}>
            {r.useCase}
          </span>,
        ],
      ],
    },
    {
      title: "Data shape",
      rows: [
        [FIELD_LABELS.keyFormat, LABELS.keyFormat[r.keyFormat]],
        [FIELD_LABELS.keyExample, r.keyExample ? <code>{r.keyExample}</code> : none],
        [FIELD_LABELS.valueFormat, LABELS.valueFormat[r.valueFormat]],
        [FIELD_LABELS.valueSchema, r.valueSchema ? <code>{r.valueSchema}</code> : none],
      ],
    },
    {
      title: "Traffic and storage",
      rows: [
        [FIELD_LABELS.ingestion, LABELS.ingestion[r.ingestion]],
        [FIELD_LABELS.sourceLocation, r.sourceLocation ? <code>{r.sourceLocation}</code> : none],
        [FIELD_LABELS.updateFrequency, LABELS.updateFrequency[r.updateFrequency]],
        [FIELD_LABELS.estimatedSizeGb, `${r.estimatedSizeGb.toLocaleString("en-US")} GB`],
        [FIELD_LABELS.estimatedKeyCount, BigInt(r.estimatedKeyCount).toLocaleString("en-US")],
        [FIELD_LABELS.readQps, integer(r.readQps)],
        [FIELD_LABELS.writeQps, integer(r.writeQps)],
        [FIELD_LABELS.p99LatencyMs, `${integer(r.p99LatencyMs)} ms`],
        [FIELD_LABELS.ttlDays, r.ttlDays ? `${integer(r.ttlDays)} days` : "Keep forever"],
        [FIELD_LABELS.regions, r.regions.join(", ")],
      ],
    },
    {
      title: "Operations",
      rows: [
        [FIELD_LABELS.dataClassification, LABELS.dataClassification[r.dataClassification]],
        [FIELD_LABELS.backupsEnabled, r.backupsEnabled ? `On, kept ${r.backupRetentionDays} days` : "Off"],
        // A dataset has neither: they belong to its requests.
        ...(r.priority === undefined
          ? []
          : ([
              [FIELD_LABELS.neededBy, r.neededBy ? formatDate(r.neededBy) : none],
              [FIELD_LABELS.priority, <PriorityChip key="value" priority={r.priority} />],
            ] as [string, ReactNode][])),
      ],
    },
  ];
}

export type SectionRows = [label: string, value: ReactNode][];

/** One titled section of label–value rows (a description list); `labelWidth` narrower in a side column. */
export function SectionCard({ title, rows, labelWidth = 220 }: { title: string; rows: SectionRows; labelWidth?: number }) {
  return (
    <section className={`${ui.card} ${ui.section}`} aria-label={title}>
      <h2 className={ui.h2}>{title}</h2>
      <dl className={styles.list} style={{ "--label-width": `${labelWidth}px` } as CSSProperties}>
        {rows.map(([label, value]) => (
          <div key={label} className={styles.row}>
            <dt className={styles.label}>{label}</dt>
            <dd className={styles.value}>{value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

export function MetadataSections({ metadata }: { metadata: SectionMetadata }) {
  return (
    <>
      {sections(metadata).map((section) => (
        <SectionCard key={section.title} title={section.title} rows={section.rows} />
      ))}
    </>
  );
}
