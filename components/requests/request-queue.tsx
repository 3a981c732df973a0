"use client";
// The queue: a server-sorted, server-filtered, server-paged table whose whole view
// state lives in the URL, refreshed while visible.
import { useMemo, useRef, useState } from "react";
import dynamic from "next/dynamic";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useQuery } from "@tanstack/react-query";
import type { Role } from "@/lib/auth/roles";
import { requestListOptions } from "@/lib/queries/requests";
import { personFilter, queueViewToSearch, readQueueView, renderedFor } from "@/lib/queries/queue-view";
import type { ListRequestsQuery, PresetCounts, RequestListResponse, SortField } from "@/lib/schemas/request";
import type { BulkReport } from "@/components/requests/bulk-transition-bar";
import { QueueFilters } from "@/components/requests/queue-filters";
import { QueuePresets } from "@/components/requests/queue-presets";
import { ViewMenu } from "@/components/requests/view-menu";
import { RequesterFilter } from "@/components/requests/requester-filter";
import { QueuePagination } from "@/components/requests/queue-pagination";
// Shown only once rows are selected or a bulk move is done: loaded then, not with the page
// (their TextField select pulls in Select, Menu, Popover and Modal).
const BulkTransitionBar = dynamic(() => import("@/components/requests/bulk-transition-bar").then((m) => m.BulkTransitionBar), { ssr: false });
const BulkTransitionReport = dynamic(() => import("@/components/requests/bulk-transition-bar").then((m) => m.BulkTransitionReport), { ssr: false });
import { useLiveUpdates } from "@/components/layout/live-updates";
import { ExportMenu } from "@/components/requests/export-menu";
import { useQueueKeys } from "@/components/requests/use-queue-keys";
import { QueueTable } from "@/components/requests/queue-table";
import { StaticButton, StaticIconButton, StaticLinkButton } from "@/components/layout/static-button";
import { KeyboardOutlinedIcon, UploadIcon } from "@/components/layout/static-icons";
import { NO_FILTERS } from "@/lib/domain/requests/presets";
import { cursorForView } from "@/lib/domain/requests/list-cursor";
import ui from "@/components/layout/static-page.module.css";
import styles from "./request-queue.module.css";

// The shortcuts dialog is code the queue's first load does without.
const KeyboardHelp = dynamic(() => import("@/components/requests/keyboard-help").then((m) => m.KeyboardHelp), { ssr: false });

// Shown only when a fetch fails.
const Alert = dynamic(() => import("@mui/material/Alert"));

/**
 * What the server rendered the page with: the view (renderedFor), its first page and the
 * presets' counts. Initial data counts as fetched when the query starts: with the page.
 */
export type QueueInitialData = { view: string; list: RequestListResponse; counts: PresetCounts };

export function RequestQueue({ role, userId, initial }: { role: Role; userId: string; initial: QueueInitialData }) {
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const view = useMemo(() => readQueueView(new URLSearchParams(searchParams.toString()), role), [searchParams, role]);
  const live = useLiveUpdates();
  // "Next" puts where the page it leaves ended in the URL (`after`), so the next page is
  // read from there however deep it is; any other way to a page reads it by its number.
  const rawAfter = searchParams.get("after");
  const after = cursorForView(rawAfter, view) ? rawAfter! : undefined;
  // The server's page, for the view it was rendered for (a new URL brings a new render).
  const rendered = initial.view === renderedFor(view, after ?? null);
  const { data, error, isFetching, refetch } = useQuery({
    ...requestListOptions(view, { live, after }),
    initialData: rendered ? initial.list : undefined,
  });
  const isAdmin = role === "ADMIN";
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [bulkReport, setBulkReport] = useState<BulkReport | null>(null);
  const [helpOpen, setHelpOpen] = useState(false);

  /** Every change of view is a new URL: shareable, reloadable, and the back button works. */
  function setView(patch: Partial<ListRequestsQuery>, { replace = false, after }: { replace?: boolean; after?: string } = {}) {
    const next = { ...view, page: 1, ...patch };
    const href = `${pathname}?${queueViewToSearch(next)}${after ? `&after=${after}` : ""}`;
    if (replace) router.replace(href, { scroll: false });
    else router.push(href, { scroll: false });
  }

  function sortBy(field: SortField) {
    const order = view.sort === field && view.order === "asc" ? "desc" : "asc";
    setView({ sort: field, order });
  }

  const mine = view.requester === "me";
  const items = data?.items ?? [];
  // Only rows on screen stay selected: a new page or filter starts a new selection.
  const selectedRows = items.filter((r) => selected.has(r.number));
  const allSelected = items.length > 0 && selectedRows.length === items.length;
  const toggle = (number: string) =>
    setSelected((prev) => {
      const next = new Set(prev);
      if (next.has(number)) next.delete(number);
      else next.add(number);
      return next;
    });

  // Keyboard: rows use a roving tabindex. One row (the active one) is in the tab order;
  // j/k and the arrows move focus between rows, so the focused row is what Enter opens
  // and what a screen reader reads. The table keeps its table semantics.
  const [active, setActive] = useState(0);
  const rowRefs = useRef<(HTMLTableRowElement | null)[]>([]);
  const activeIndex = Math.min(active, Math.max(items.length - 1, 0));
  // A new view starts at its first row (adjusted while rendering, not in an effect).
  const [activeFor, setActiveFor] = useState(view);
  if (view !== activeFor) {
    setActiveFor(view);
    setActive(0);
  }
  const focusRow = (i: number) => {
    setActive(i);
    rowRefs.current[i]?.focus();
  };
  useQueueKeys({
    search: () => document.getElementById("queue-search")?.focus(),
    move: (delta) => {
      if (items.length === 0) return;
      const onRow = rowRefs.current.includes(document.activeElement as HTMLTableRowElement);
      focusRow(onRow ? Math.min(Math.max(activeIndex + delta, 0), items.length - 1) : activeIndex);
    },
    open: () => {
      const row = items[activeIndex];
      if (row) router.push(`/requests/${row.number}`);
    },
    toggleSelect: () => {
      const row = items[activeIndex];
      if (isAdmin && row) toggle(row.number);
    },
    newRequest: () => router.push("/requests/new"),
    help: () => setHelpOpen(true),
  });

  return (
    <div className={styles.page} data-queue-keys>
      {/* Phones: the actions go in one row under the title (and the keyboard help, of no use there, goes). */}
      <div className={styles.titleRow}>
        <h1 className={ui.h1}>Requests</h1>
        <div className={styles.actions}>
          {/* The native title, not MUI's Tooltip: its code (with Popper) is 11 KB gzipped of the first load. */}
          <StaticIconButton aria-label="Keyboard shortcuts" title="Keyboard shortcuts (?)" onClick={() => setHelpOpen(true)} className={styles.helpButton}>
            <KeyboardOutlinedIcon />
          </StaticIconButton>
          <ExportMenu view={view} />
          <StaticLinkButton href="/requests/import" prefetchOnIntent variant="outlined" startIcon={<UploadIcon />}>
            Import
          </StaticLinkButton>
          <StaticLinkButton href="/requests/new" prefetchOnIntent variant="contained">
            New request
          </StaticLinkButton>
        </div>
      </div>
      {helpOpen && <KeyboardHelp open onClose={() => setHelpOpen(false)} isAdmin={isAdmin} />}

      <div className={styles.presetRow}>
        <QueuePresets view={view} role={role} live={live} initialCounts={initial.counts} />
        <ViewMenu view={view} role={role} live={live} />
      </div>

      <div className={styles.viewRow}>
        {/* MUI's ToggleButtonGroup drawn with static CSS (request-queue.module.css). */}
        <div role="group" aria-label="Whose requests" className={styles.toggleGroup}>
          {(
            [
              ["me", "My requests"],
              ["all", "All requests"],
            ] as const
          ).map(([value, label]) => {
            // Filtered by one person (the requester filter): neither.
            const pressed = !personFilter(view.requester) && (mine ? "me" : "all") === value;
            return (
              <button
                key={value}
                type="button"
                value={value}
                aria-pressed={pressed}
                className={pressed ? `${styles.toggle} ${styles.pressed}` : styles.toggle}
                onClick={() => !pressed && setView({ requester: value })}
              >
                {label}
              </button>
            );
          })}
        </div>
        {/* Or one person's requests: the people picker. */}
        <RequesterFilter value={view.requester} onChange={(requester) => setView({ requester })} className={styles.requester} />
      </div>

      <QueueFilters view={view} onChange={setView} role={role} />

      {isAdmin && selectedRows.length > 0 && (
        <BulkTransitionBar
          rows={selectedRows}
          userId={userId}
          onDone={(report) => {
            if (report.kind === "move") setSelected(new Set());
            setBulkReport(report);
          }}
        />
      )}
      {bulkReport && <BulkTransitionReport report={bulkReport} onClose={() => setBulkReport(null)} />}

      {error && (
        <Alert
          severity="error"
          action={
            <StaticButton color="inherit" size="small" onClick={() => refetch()}>
              Retry
            </StaticButton>
          }
        >
          {error.message}
        </Alert>
      )}

      <div className={styles.frame}>
        <QueueTable
          items={data?.items}
          isAdmin={isAdmin}
          isFetching={isFetching}
          sort={view.sort}
          order={view.order}
          onSort={sortBy}
          selected={selected}
          onToggle={toggle}
          onToggleAll={() => setSelected(allSelected ? new Set() : new Set(items.map((r) => r.number)))}
          activeIndex={activeIndex}
          onActivate={setActive}
          onOpen={(number) => router.push(`/requests/${number}`)}
          rowRefs={rowRefs}
          empty={<EmptyQueue mine={mine} onShowAll={() => setView({ ...NO_FILTERS, requester: "all" })} />}
        />
        <QueuePagination
          count={data?.total ?? 0}
          countIsLowerBound={data?.totalIsLowerBound ?? false}
          page={data && data.total > 0 ? view.page - 1 : 0}
          rowsPerPage={view.pageSize}
          rowsPerPageOptions={[25, 50, 100]}
          onPageChange={(page) =>
            // `page` counts from 0 and view.page from 1, so page === view.page is "next": from this page's end.
            setView({ page: page + 1 }, { after: page === view.page ? (data?.nextCursor ?? undefined) : undefined })
          }
          onRowsPerPageChange={(pageSize) => setView({ pageSize })}
        />
      </div>
    </div>
  );
}

function EmptyQueue({ mine, onShowAll }: { mine: boolean; onShowAll: () => void }) {
  return (
    <div className={styles.empty}>
      <p className={`${ui.h3} ${styles.emptyTitle}`}>No requests match this view</p>
      <p className={`${ui.body1} ${ui.secondary} ${styles.emptyHint}`}>
        {mine ? "Submit a new request, or look through everyone's requests." : "Clear the filters to see every request."}
      </p>
      <div className={styles.emptyActions}>
        <StaticButton variant="outlined" onClick={onShowAll}>
          Show all requests
        </StaticButton>
        {mine && (
          <StaticLinkButton href="/requests/new" prefetchOnIntent variant="contained">
            Submit a request
          </StaticLinkButton>
        )}
      </div>
    </div>
  );
}
