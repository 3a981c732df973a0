// The dataset's full metadata page: its metadata in the form's sections, provisioned
// facts, people and links, the capacity estimate from its current figures, its history
// and its requests (open ones first). Rendered on the server in static CSS (issue #20:
// each MUI element was a client component to load and hydrate); the facts editor is the
// one interactive leaf.
import type { ReactNode } from "react";
import NextLink from "next/link";
import type { SessionUser } from "@/lib/auth/roles";
import type { DatasetChangeDto, DatasetDetail } from "@/lib/schemas/dataset";
import { CLOSED_STATUSES, LABELS } from "@/lib/domain/requests/options";
import { FIELD_LABELS } from "@/lib/domain/requests/field-labels";
import { DATASET_FACT_LABELS, DATASET_STATUS_LABELS, type DatasetStatus } from "@/lib/domain/datasets/options";
import { estimateCapacity } from "@/lib/domain/capacity/estimate";
import { formatDateTime } from "@/lib/format/time";
import { CapacityEstimate } from "@/components/capacity/capacity-estimate";
import { DatasetName } from "@/components/layout/dataset-name";
import { StaticLinkButton } from "@/components/layout/static-button";
import { MetadataSections, SectionCard, none } from "@/components/requests/metadata-sections";
import { RelativeTime } from "@/components/requests/relative-time";
import { StatusChip } from "@/components/requests/status-chip";
import { DatasetStatusChip } from "@/components/datasets/dataset-status-chip";
import { DatasetFactsEditor } from "@/components/datasets/dataset-facts-editor";
import ui from "@/components/layout/static-page.module.css";
import styles from "./dataset-view.module.css";

const fieldLabel = (field: string) =>
  field === "status" ? "Status" : ((FIELD_LABELS as Record<string, string>)[field] ?? (DATASET_FACT_LABELS as Record<string, string>)[field] ?? field);
const historyValue = (c: DatasetChangeDto, v: string | null) =>
  v === null ? "—" : c.field === "status" ? (DATASET_STATUS_LABELS[v as DatasetStatus] ?? v) : c.field === "provisionedAt" ? formatDateTime(v) : v;

function RequestLink({ number }: { number: string }) {
  return (
    <NextLink href={`/requests/${number}`} className={ui.link}>
      {number}
    </NextLink>
  );
}

/** A stored link: shown as one only when it is http or https (PATCH allows nothing else). */
function ExternalLink({ href }: { href: string | null }) {
  if (!href) return none;
  return /^https?:\/\//i.test(href) ? (
    <a href={href} className={ui.link} target="_blank" rel="noopener noreferrer">
      {href}
    </a>
  ) : (
    <>{href}</>
  );
}

function HistoryLine({ change: c }: { change: DatasetChangeDto }) {
  let what: ReactNode;
  if (c.field === "status" && c.oldValue === null) what = "Created";
  else if (c.field === "status") what = historyValue(c, c.newValue);
  else
    what = (
      <>
        <strong>{fieldLabel(c.field)}</strong>: {historyValue(c, c.oldValue)} → {historyValue(c, c.newValue)}
      </>
    );
  return (
    <li className={styles.historyLine}>
      <p className={`${ui.body2} ${styles.breakWord}`}>{what}</p>
      <span className={ui.caption}>
        {c.request ? (
          <>
            <RequestLink number={c.request} /> ·{" "}
          </>
        ) : null}
        {c.actor.name} · <RelativeTime iso={c.createdAt} />
      </span>
    </li>
  );
}

export function DatasetView({ dataset: d, user }: { dataset: DatasetDetail; user: SessionUser }) {
  const live = d.status !== "DECOMMISSIONED";
  const openRequest = (type: string) => d.requests.find((r) => r.requestType === type && !CLOSED_STATUSES.includes(r.status));
  const openChange = openRequest("CHANGE");
  const openDecommission = openRequest("DECOMMISSION");
  const encoded = encodeURIComponent(d.name);

  return (
    <div className={ui.stack25}>
      <div>
        <NextLink href="/datasets" className={`${ui.link} ${ui.body2}`}>
          ← Back to datasets
        </NextLink>
      </div>
      <div className={ui.pageHeader}>
        <h1 className={`${ui.h1} ${ui.mono}`}>
          <DatasetName name={d.name} />
        </h1>
        <div className={ui.badges}>
          <DatasetStatusChip status={d.status} size="medium" />
          <p className={`${ui.body2} ${ui.secondary}`}>
            From <RequestLink number={d.originRequest} /> · last change <RelativeTime iso={d.updatedAt} />
          </p>
        </div>
      </div>

      {live && (
        <section aria-label="Actions" className={`${ui.card} ${ui.padded}`}>
          <div className={styles.actions}>
            {openChange ? (
              <p className={ui.body2}>
                A change is open: <RequestLink number={openChange.number} />
              </p>
            ) : (
              <StaticLinkButton href={`/requests/new?change=${encoded}`} prefetchOnIntent variant="contained">
                Request a change
              </StaticLinkButton>
            )}
            {openDecommission ? (
              <p className={ui.body2}>
                Being decommissioned: <RequestLink number={openDecommission.number} />
              </p>
            ) : (
              <StaticLinkButton href={`/requests/new?decommission=${encoded}`} prefetchOnIntent variant="outlined" color="error">
                Decommission
              </StaticLinkButton>
            )}
            {user.role === "ADMIN" && <DatasetFactsEditor dataset={d} />}
          </div>
        </section>
      )}
      {!live && d.decommissionedAt && (
        <div className={`${ui.card} ${ui.padded}`}>
          <p className={ui.body1}>Decommissioned on {formatDateTime(d.decommissionedAt)}. Its name is free for a new dataset.</p>
        </div>
      )}

      <div className={ui.columns}>
        <div className={ui.stack2}>
          <MetadataSections metadata={{ ...d, datasetName: d.name }} />
        </div>
        <div className={ui.stack2}>
          <SectionCard
            title="Provisioned facts"
            labelWidth={140}
            rows={[
              [DATASET_FACT_LABELS.cluster, d.cluster ?? none],
              [DATASET_FACT_LABELS.namespace, d.namespace ?? none],
              [DATASET_FACT_LABELS.endpoint, d.endpoint ? <code>{d.endpoint}</code> : none],
              [DATASET_FACT_LABELS.actualSizeGb, d.actualSizeGb === null ? none : `${d.actualSizeGb.toLocaleString("en-US")} GB`],
              [DATASET_FACT_LABELS.peakQps, d.peakQps === null ? none : d.peakQps.toLocaleString("en-US")],
              [DATASET_FACT_LABELS.provisionedAt, d.provisionedAt ? formatDateTime(d.provisionedAt) : none],
            ]}
          />
          <SectionCard
            title="People and links"
            labelWidth={140}
            rows={[
              [FIELD_LABELS.ownerTeam, d.ownerTeam],
              [
                FIELD_LABELS.contactEmail,
                <a key="v" href={`mailto:${d.contactEmail}`} className={ui.link}>
                  {d.contactEmail}
                </a>,
              ],
              [DATASET_FACT_LABELS.onCall, d.onCall ?? none],
              [DATASET_FACT_LABELS.runbookUrl, <ExternalLink key="v" href={d.runbookUrl} />],
              [DATASET_FACT_LABELS.dashboardUrl, <ExternalLink key="v" href={d.dashboardUrl} />],
            ]}
          />
          <div className={`${ui.card} ${ui.filledCard}`}>
            <CapacityEstimate estimate={estimateCapacity(d)} headingComponent="h2" />
          </div>
          <section aria-label="Requests" className={`${ui.card} ${ui.section}`}>
            <h2 className={ui.h2}>Requests</h2>
            <ul className={styles.list}>
              {d.requests.map((r) => (
                <li key={r.number} className={styles.requestLine}>
                  <RequestLink number={r.number} />
                  <span className={ui.body2}>{LABELS.requestType[r.requestType]}</span>
                  <StatusChip status={r.status} />
                  <span className={ui.caption}>
                    {r.requester.name} · <RelativeTime iso={r.createdAt} />
                  </span>
                </li>
              ))}
            </ul>
          </section>
          <section aria-label="History" className={`${ui.card} ${ui.section}`}>
            <h2 className={ui.h2}>History</h2>
            <ul className={styles.list}>
              {d.history.map((c) => (
                <HistoryLine key={c.id} change={c} />
              ))}
            </ul>
          </section>
        </div>
      </div>
    </div>
  );
}
