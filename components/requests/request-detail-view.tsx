// A request's page: every metadata field, who asked and when, and the status history.
// Rendered on the server in static CSS (issue #20: its client tree was most of a phone's
// blocking time); the controls are client components, and RequestRefresh renders the page
// again when the request changes.
import type { ReactNode } from "react";
import NextLink from "next/link";
import { CLOSED_STATUSES, LABELS } from "@/lib/domain/requests/options";
import { formatAge, formatDateTime, formatRelative } from "@/lib/format/time";
import type { RequestDetail } from "@/lib/schemas/request";
import { PriorityChip, StatusChip } from "@/components/requests/status-chip";
import { RelativeTime } from "@/components/requests/relative-time";
import type { SessionUser } from "@/lib/auth/roles";
import { isStale } from "@/lib/domain/requests/staleness";
import { RequestActivity } from "@/components/requests/request-activity";
import { DatasetName } from "@/components/layout/dataset-name";
import { RequestActions, type ActionsRequest } from "@/components/requests/request-actions";
import { MigrationChecklist } from "@/components/requests/migration-checklist";
import { estimateCapacity } from "@/lib/domain/capacity/estimate";
import { CapacityEstimate } from "@/components/capacity/capacity-estimate";
import { answersByReplying, openQuestion } from "@/lib/domain/requests/needs-info";
import { NeedsInfoBanner } from "@/components/requests/needs-info-banner";
import { StaticLinkButton } from "@/components/layout/static-button";
import { MetadataSections, none } from "@/components/requests/metadata-sections";
import { DatasetPanel } from "@/components/datasets/dataset-panel";
import type { RequestDataset } from "@/lib/schemas/dataset";
import { WatchButton } from "@/components/notifications/watch-button";
import { RequestRefresh } from "@/components/requests/request-refresh";
import ui from "@/components/layout/static-page.module.css";
import styles from "./request-detail-view.module.css";

type Props = {
  request: RequestDetail;
  user: SessionUser;
  dataset?: RequestDataset | null;
  /** The whole activity, not only its latest entries (the page's `?activity=all`). */
  allActivity?: boolean;
};

export function RequestDetailView({ request: r, user, dataset, allActivity = false }: Props) {
  const stale = isStale(r.status, r.statusChangedAt);
  // The requester answers the open question from its banner; the actions then offer no second "Resubmit".
  const replying = answersByReplying(user, r);
  // The client controls get the fields they read, not the history and comments (ActionsRequest).
  const forControls: ActionsRequest = {
    number: r.number,
    status: r.status,
    priority: r.priority,
    version: r.version,
    datasetName: r.datasetName,
    assignee: r.assignee,
    requester: r.requester,
    requestType: r.requestType,
    checklist: r.checklist,
  };

  return (
    <RequestRefresh number={r.number}>
      <div className={ui.stack25}>
        <div>
          <NextLink href="/requests" className={`${ui.link} ${ui.body2}`}>
            ← Back to requests
          </NextLink>
        </div>
        <div className={ui.pageHeader}>
          <h1 className={ui.h1}>
            <span className={styles.number}>{r.number}</span>
            <DatasetName name={r.datasetName} />
          </h1>
          <div className={ui.badges}>
            <StatusChip status={r.status} size="medium" />
            <PriorityChip priority={r.priority} size="medium" />
            <p className={`${ui.body2} ${stale ? ui.warning : ui.secondary}`}>
              {CLOSED_STATUSES.includes(r.status)
                ? `${LABELS.status[r.status]} ${formatRelative(r.statusChangedAt)}`
                : `${LABELS.status[r.status]} for ${formatAge(r.statusChangedAt)}${stale ? " · stale" : ""}`}
            </p>
            <WatchButton number={r.number} />
          </div>
        </div>

        <OpenQuestion request={r} user={user} replying={replying} />

        {dataset && <DatasetPanel dataset={dataset} />}

        {/* Empty (and hidden) when this person may do nothing to the request. */}
        <section aria-label="Actions" className={`${ui.card} ${ui.padded}`}>
          <RequestActions request={forControls} user={user} replying={replying} />
        </section>

        <div className={`${ui.card} ${ui.padded} ${styles.facts}`}>
          <Fact label="Requester">
            {r.requester.name}
            <p className={`${ui.body2} ${ui.secondary}`}>{r.requester.email}</p>
          </Fact>
          <Fact label="Assignee">{r.assignee?.name ?? none}</Fact>
          <Fact label="Requested">
            <RelativeTime iso={r.createdAt} />
            <p className={`${ui.body2} ${ui.secondary}`}>{formatDateTime(r.createdAt)}</p>
          </Fact>
          <Fact label="Updated">
            <RelativeTime iso={r.updatedAt} />
            <p className={`${ui.body2} ${ui.secondary}`}>{formatDateTime(r.updatedAt)}</p>
          </Fact>
          {r.completedAt && <Fact label="Completed">{formatDateTime(r.completedAt)}</Fact>}
        </div>

        <div className={ui.columns}>
          <div className={ui.stack2}>
            <MetadataSections metadata={r} />
          </div>
          <div className={ui.stack2}>
            <div className={`${ui.card} ${ui.filledCard}`}>
              <CapacityEstimate estimate={estimateCapacity(r)} headingComponent="h2" />
            </div>
            {r.requestType === "MIGRATION" && (
              <section aria-label="Migration checklist" className={`${ui.card} ${ui.section}`}>
                <h2 className={ui.h2}>Migration checklist</h2>
                <MigrationChecklist request={forControls} canEdit={user.role === "ADMIN"} />
              </section>
            )}
            <section aria-label="Activity" id="activity" className={`${ui.card} ${ui.section}`}>
              <h2 className={ui.h2}>Activity</h2>
              <hr className={styles.divider} />
              <RequestActivity request={r} user={user} all={allActivity} />
            </section>
          </div>
        </div>
      </div>
    </RequestRefresh>
  );
}

/** The storage team's question while the request waits on its requester, who answers from here. */
function OpenQuestion({ request: r, user, replying }: { request: RequestDetail; user: SessionUser; replying: boolean }) {
  const question = openQuestion(r);
  if (!question) return null;
  const mine = user.id === r.requester.id;
  return (
    <NeedsInfoBanner question={question} waitingOn={mine ? undefined : r.requester.name}>
      {replying && (
        <div className={styles.reply}>
          <StaticLinkButton href={`/requests/${r.number}/edit#reply`} variant="contained">
            Reply and resubmit
          </StaticLinkButton>
        </div>
      )}
    </NeedsInfoBanner>
  );
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <div className={`${ui.overline} ${ui.secondary}`}>{label}</div>
      <div>{children}</div>
    </div>
  );
}
