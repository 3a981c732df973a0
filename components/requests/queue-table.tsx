"use client";
// The queue's table: plain table elements with static CSS (queue-table.module.css) that
// look like MUI's small Table. Twenty-five rows of MUI cells, chips, checkboxes and
// sort labels made emotion serialise styles for every cell on the server and again on
// hydration; this draws the same thing with class names.
import type { ReactNode, RefObject } from "react";
import NextLink from "next/link";
import { StaticCheckbox } from "@/components/layout/static-checkbox";
import { requestHasDataset } from "@/lib/domain/datasets/request-types";
import { LABELS } from "@/lib/domain/requests/options";
import { isStale, STALE_AFTER_DAYS } from "@/lib/domain/requests/staleness";
import { formatAge } from "@/lib/format/time";
import { isWaitingOn } from "@/lib/domain/requests/needs-info";
import { useCurrentUserId } from "@/components/layout/current-user";
import type { RequestSummary, SortField } from "@/lib/schemas/request";
import { PriorityChip, StatusChip } from "@/components/requests/status-chip";
import { RelativeTime } from "@/components/requests/relative-time";
import { DatasetName } from "@/components/layout/dataset-name";
import ui from "@/components/layout/static-page.module.css";
import styles from "./queue-table.module.css";

const cx = (...names: (string | false | undefined)[]) => names.filter(Boolean).join(" ");

/** `hideBelow`: on narrow screens the less important columns give way (the table stays a table). */
type Column = { field: SortField; label: string; cell: (r: RequestSummary) => ReactNode; hideBelow?: "sm" | "md" };
const hideBelow = (bp?: "sm" | "md") => (bp === "sm" ? styles.hideBelowSm : bp === "md" ? styles.hideBelowMd : undefined);

const COLUMNS: Column[] = [
  {
    field: "number",
    label: "Request",
    cell: (r) => (
      <>
        {/* No prefetch: every row in view would ask the server for its request's page. */}
        <NextLink href={`/requests/${r.number}`} prefetch={false} className={styles.link} onClick={(e) => e.stopPropagation()}>
          {r.number}
        </NextLink>
        <span className={styles.datasetUnder}>
          <DatasetName name={r.datasetName} />
        </span>
      </>
    ),
  },
  {
    field: "datasetName",
    label: "Dataset",
    hideBelow: "sm",
    cell: (r) => (
      <div className={styles.mono}>
        {requestHasDataset(r) ? (
          <NextLink href={`/datasets/${r.datasetName}`} prefetch={false} className={styles.link} onClick={(e) => e.stopPropagation()}>
            <DatasetName name={r.datasetName} />
          </NextLink>
        ) : (
          <DatasetName name={r.datasetName} />
        )}
      </div>
    ),
  },
  {
    field: "requestType",
    label: "Type",
    hideBelow: "md",
    cell: (r) => (
      <>
        {LABELS.requestType[r.requestType]}
        {r.checklistProgress && (
          <span className={styles.secondary} title="Migration checklist steps done">
            {" "}
            · {r.checklistProgress.done}/{r.checklistProgress.total}
          </span>
        )}
      </>
    ),
  },
  { field: "ownerTeam", label: "Team", cell: (r) => r.ownerTeam, hideBelow: "sm" },
  { field: "status", label: "Status", cell: (r) => <StatusCell request={r} /> },
  { field: "priority", label: "Priority", cell: (r) => <PriorityChip priority={r.priority} />, hideBelow: "sm" },
  { field: "assignee", label: "Assignee", hideBelow: "md", cell: (r) => r.assignee?.name ?? <span className={styles.secondary}>Unassigned</span> },
  { field: "createdAt", label: "Requested", cell: (r) => <RelativeTime iso={r.createdAt} />, hideBelow: "md" },
  { field: "updatedAt", label: "Updated", cell: (r) => <RelativeTime iso={r.updatedAt} />, hideBelow: "sm" },
];

type Props = {
  /** Undefined until the first answer: skeleton rows. */
  items: RequestSummary[] | undefined;
  isAdmin: boolean;
  isFetching: boolean;
  sort: SortField;
  order: "asc" | "desc";
  onSort: (field: SortField) => void;
  selected: Set<string>;
  onToggle: (number: string) => void;
  onToggleAll: () => void;
  activeIndex: number;
  onActivate: (index: number) => void;
  onOpen: (number: string) => void;
  rowRefs: RefObject<(HTMLTableRowElement | null)[]>;
  /** What the table shows when there are no rows. */
  empty: ReactNode;
};

export function QueueTable({
  items,
  isAdmin,
  isFetching,
  sort,
  order,
  onSort,
  selected,
  onToggle,
  onToggleAll,
  activeIndex,
  onActivate,
  onOpen,
  rowRefs,
  empty,
}: Props) {
  const colSpan = COLUMNS.length + (isAdmin ? 1 : 0);
  const rows = items ?? [];
  const selectedCount = rows.filter((r) => selected.has(r.number)).length;
  const allSelected = rows.length > 0 && selectedCount === rows.length;
  return (
    <>
      <div className={styles.progressSlot}>
        {isFetching && (
          <span className={styles.progress} role="progressbar" aria-label="Loading requests">
            <span className={styles.progressBar} />
            <span className={styles.progressBar} />
          </span>
        )}
      </div>
      <div className={styles.container}>
        <table className={ui.table} aria-label="Requests">
          <thead>
            <tr>
              {isAdmin && (
                <th scope="col" className={cx(ui.cell, ui.headCell, styles.checkboxCell)}>
                  <StaticCheckbox
                    checked={allSelected}
                    indeterminate={selectedCount > 0 && !allSelected}
                    onChange={onToggleAll}
                    label="Select all requests on this page"
                  />
                </th>
              )}
              {COLUMNS.map((c) => {
                const active = sort === c.field;
                return (
                  <th
                    key={c.field}
                    scope="col"
                    className={cx(ui.cell, ui.headCell, hideBelow(c.hideBelow))}
                    aria-sort={active ? (order === "asc" ? "ascending" : "descending") : undefined}
                  >
                    <button
                      type="button"
                      className={cx(styles.sort, active && styles.active, active && order === "desc" && styles.desc)}
                      onClick={() => onSort(c.field)}
                    >
                      {c.label}
                      <svg className={styles.sortIcon} viewBox="0 0 24 24" aria-hidden focusable="false">
                        <path d="M20 12l-1.41-1.41L13 16.17V4h-2v12.17l-5.58-5.59L4 12l8 8 8-8z" />
                      </svg>
                    </button>
                  </th>
                );
              })}
            </tr>
          </thead>
          <tbody>
            {!items &&
              Array.from({ length: 8 }, (_, i) => (
                <tr key={`skeleton-${i}`} aria-hidden>
                  <td className={ui.cell} colSpan={colSpan}>
                    <div className={styles.loadingLine} />
                  </td>
                </tr>
              ))}
            {rows.map((r, i) => (
              <tr
                key={r.number}
                ref={(el) => {
                  rowRefs.current[i] = el;
                }}
                className={cx(styles.row, selected.has(r.number) && styles.selected)}
                data-queue-row
                tabIndex={i === activeIndex ? 0 : -1}
                onFocus={(e) => e.target === e.currentTarget && onActivate(i)}
                onClick={() => onOpen(r.number)}
              >
                {isAdmin && (
                  <td className={cx(ui.cell, styles.checkboxCell)} onClick={(e) => e.stopPropagation()}>
                    <StaticCheckbox checked={selected.has(r.number)} onChange={() => onToggle(r.number)} label={`Select ${r.number}`} />
                  </td>
                )}
                {COLUMNS.map((c) => (
                  <td key={c.field} className={cx(ui.cell, hideBelow(c.hideBelow))}>
                    {c.cell(r)}
                  </td>
                ))}
              </tr>
            ))}
            {items && rows.length === 0 && (
              <tr>
                <td className={ui.cell} colSpan={colSpan}>
                  {empty}
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
    </>
  );
}

/** The status, how long it has been in it, and a flag when that is too long. */
function StatusCell({ request: r }: { request: RequestSummary }) {
  const open = STALE_AFTER_DAYS[r.status] !== undefined;
  const stale = isStale(r.status, r.statusChangedAt);
  const waitingOnMe = isWaitingOn(useCurrentUserId(), r);
  return (
    <div className={styles.status}>
      <StatusChip status={r.status} />
      {waitingOnMe && (
        <span className={styles.waitingOnYou} title="The storage team asked you a question: answer it on the request's page">
          waiting on you
        </span>
      )}
      {open && (
        <span
          className={cx(styles.age, stale && styles.stale)}
          title={stale ? `Stale: over ${STALE_AFTER_DAYS[r.status]} d in ${LABELS.status[r.status]}` : `Time in ${LABELS.status[r.status]}`}
          suppressHydrationWarning
        >
          {stale ? "⚠ " : ""}
          {formatAge(r.statusChangedAt)}
        </span>
      )}
    </div>
  );
}
