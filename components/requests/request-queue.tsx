"use client";
// The queue: a server-sorted, server-filtered, server-paged table whose whole view
// state lives in the URL, refreshed while visible.
import { useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import dynamic from "next/dynamic";
import NextLink from "next/link";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useQuery } from "@tanstack/react-query";
import Alert from "@mui/material/Alert";
import Box from "@mui/material/Box";
import Button from "@mui/material/Button";
import Checkbox from "@mui/material/Checkbox";
import IconButton from "@mui/material/IconButton";
import LinearProgress from "@mui/material/LinearProgress";
import Link from "@mui/material/Link";
import Paper from "@mui/material/Paper";
import Stack from "@mui/material/Stack";
import Table from "@mui/material/Table";
import TableBody from "@mui/material/TableBody";
import TableCell from "@mui/material/TableCell";
import TableContainer from "@mui/material/TableContainer";
import TableHead from "@mui/material/TableHead";
import TableRow from "@mui/material/TableRow";
import TableSortLabel from "@mui/material/TableSortLabel";
import ToggleButton from "@mui/material/ToggleButton";
import ToggleButtonGroup from "@mui/material/ToggleButtonGroup";
import Tooltip from "@mui/material/Tooltip";
import Typography from "@mui/material/Typography";
import UploadIcon from "@mui/icons-material/Upload";
import KeyboardOutlined from "@mui/icons-material/KeyboardOutlined";
import type { Role } from "@/lib/auth/roles";
import { LABELS } from "@/lib/domain/requests/options";
import { isStale, STALE_AFTER_DAYS } from "@/lib/domain/requests/staleness";
import { formatAge } from "@/lib/format/time";
import { requestListOptions } from "@/lib/queries/requests";
import { queueViewToSearch, readQueueView } from "@/lib/queries/queue-view";
import type { BulkTransitionResponse, ListRequestsQuery, RequestSummary, SortField } from "@/lib/schemas/request";
import { PriorityChip, StatusChip } from "@/components/requests/status-chip";
import { RelativeTime } from "@/components/requests/relative-time";
import { QueueFilters } from "@/components/requests/queue-filters";
import { QueuePagination } from "@/components/requests/queue-pagination";
// Shown only once rows are selected or a bulk move is done: loaded then, not with the page
// (their TextField select pulls in Select, Menu, Popover and Modal).
const BulkTransitionBar = dynamic(() => import("@/components/requests/bulk-transition-bar").then((m) => m.BulkTransitionBar), { ssr: false });
const BulkTransitionReport = dynamic(() => import("@/components/requests/bulk-transition-bar").then((m) => m.BulkTransitionReport), { ssr: false });
import { useLiveUpdates } from "@/components/layout/live-updates";
import { ExportMenu } from "@/components/requests/export-menu";
import { useQueueKeys } from "@/components/requests/use-queue-keys";
import { Placeholder } from "@/components/layout/placeholder";

// The shortcuts dialog is code the queue's first load does without.
const KeyboardHelp = dynamic(() => import("@/components/requests/keyboard-help").then((m) => m.KeyboardHelp), { ssr: false });

/** `hideBelow`: on narrow screens the less important columns give way (the table stays a table). */
type Column = { field: SortField; label: string; cell: (r: RequestSummary) => ReactNode; hideBelow?: "sm" | "md" };
const hideBelow = (bp?: "sm" | "md") => (bp ? { display: { xs: "none", [bp]: "table-cell" } } : undefined);

const COLUMNS: Column[] = [
  {
    field: "number",
    label: "Request",
    cell: (r) => (
      <>
        <Link component={NextLink} href={`/requests/${r.number}`} sx={{ fontWeight: 500 }} onClick={(e) => e.stopPropagation()}>
          {r.number}
        </Link>
        {/* Phones: the dataset rides under the number (its own column is hidden). */}
        <Box sx={{ display: { xs: "block", sm: "none" }, fontFamily: "monospace", fontSize: "0.8rem", wordBreak: "break-all" }}>
          {r.datasetName}
        </Box>
      </>
    ),
  },
  { field: "datasetName", label: "Dataset", cell: (r) => <Box sx={{ fontFamily: "monospace" }}>{r.datasetName}</Box>, hideBelow: "sm" },
  {
    field: "requestType",
    label: "Type",
    hideBelow: "md",
    cell: (r) => (
      <>
        {LABELS.requestType[r.requestType]}
        {r.checklistProgress && (
          <Typography component="span" variant="body2" color="text.secondary" title="Migration checklist steps done">
            {" "}
            · {r.checklistProgress.done}/{r.checklistProgress.total}
          </Typography>
        )}
      </>
    ),
  },
  { field: "ownerTeam", label: "Team", cell: (r) => r.ownerTeam, hideBelow: "sm" },
  { field: "status", label: "Status", cell: (r) => <StatusCell request={r} /> },
  { field: "priority", label: "Priority", cell: (r) => <PriorityChip priority={r.priority} />, hideBelow: "sm" },
  {
    field: "assignee",
    label: "Assignee",
    hideBelow: "md",
    cell: (r) => r.assignee?.name ?? <Typography component="span" variant="body2" color="text.secondary">Unassigned</Typography>,
  },
  { field: "createdAt", label: "Requested", cell: (r) => <RelativeTime iso={r.createdAt} />, hideBelow: "md" },
  { field: "updatedAt", label: "Updated", cell: (r) => <RelativeTime iso={r.updatedAt} />, hideBelow: "sm" },
];

export function RequestQueue({ role }: { role: Role }) {
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const view = useMemo(() => readQueueView(new URLSearchParams(searchParams.toString()), role), [searchParams, role]);
  const live = useLiveUpdates();
  const { data, error, isFetching, refetch } = useQuery(requestListOptions(view, { live }));
  const isAdmin = role === "ADMIN";
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [bulkReport, setBulkReport] = useState<BulkTransitionResponse | null>(null);
  const [helpOpen, setHelpOpen] = useState(false);

  /** Every change of view is a new URL: shareable, reloadable, and the back button works. */
  function setView(patch: Partial<ListRequestsQuery>, { replace = false } = {}) {
    const next = { ...view, page: 1, ...patch };
    const href = `${pathname}?${queueViewToSearch(next)}`;
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
  useEffect(() => setActive(0), [view]);
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
    <Stack spacing={2} data-queue-keys>
      {/* Phones: the actions go in one row under the title (and the keyboard help, of no use there, goes). */}
      <Stack direction={{ xs: "column", sm: "row" }} spacing={1} useFlexGap sx={{ alignItems: { xs: "flex-start", sm: "center" }, justifyContent: "space-between" }}>
        <Typography variant="h1">Requests</Typography>
        <Stack direction="row" spacing={1} useFlexGap sx={{ alignItems: "center", flexWrap: "wrap", justifyContent: "flex-end" }}>
          <Tooltip title="Keyboard shortcuts (?)">
            <IconButton aria-label="Keyboard shortcuts" onClick={() => setHelpOpen(true)} sx={{ display: { xs: "none", sm: "inline-flex" } }}>
              <KeyboardOutlined />
            </IconButton>
          </Tooltip>
          <ExportMenu view={view} />
          <Button component={NextLink} href="/requests/import" variant="outlined" startIcon={<UploadIcon />}>
            Import
          </Button>
          <Button component={NextLink} href="/requests/new" variant="contained">
            New request
          </Button>
        </Stack>
      </Stack>
      {helpOpen && <KeyboardHelp open onClose={() => setHelpOpen(false)} isAdmin={isAdmin} />}

      <Stack direction={{ xs: "column", md: "row" }} spacing={2} sx={{ alignItems: { md: "center" } }}>
        <ToggleButtonGroup
          exclusive
          size="small"
          value={mine ? "me" : "all"}
          onChange={(_, value: "me" | "all" | null) => value && setView({ requester: value })}
          aria-label="Whose requests"
        >
          <ToggleButton value="me">My requests</ToggleButton>
          <ToggleButton value="all">All requests</ToggleButton>
        </ToggleButtonGroup>
      </Stack>

      <QueueFilters view={view} onChange={setView} role={role} />

      {isAdmin && selectedRows.length > 0 && (
        <BulkTransitionBar
          rows={selectedRows}
          onDone={(report) => {
            setSelected(new Set());
            setBulkReport(report);
          }}
        />
      )}
      {bulkReport && <BulkTransitionReport report={bulkReport} onClose={() => setBulkReport(null)} />}

      {error && (
        <Alert
          severity="error"
          action={
            <Button color="inherit" size="small" onClick={() => refetch()}>
              Retry
            </Button>
          }
        >
          {error.message}
        </Alert>
      )}

      <Paper sx={{ overflow: "hidden" }}>
        <Box sx={{ height: 4 }}>{isFetching && <LinearProgress aria-label="Loading requests" />}</Box>
        <TableContainer>
          <Table size="small" aria-label="Requests">
            <TableHead>
              <TableRow>
                {isAdmin && (
                  <TableCell padding="checkbox">
                    <Checkbox
                      size="small"
                      checked={allSelected}
                      indeterminate={selectedRows.length > 0 && !allSelected}
                      onChange={() => setSelected(allSelected ? new Set() : new Set(items.map((r) => r.number)))}
                      slotProps={{ input: { "aria-label": "Select all requests on this page" } }}
                    />
                  </TableCell>
                )}
                {COLUMNS.map((c) => (
                  <TableCell key={c.field} sortDirection={view.sort === c.field ? view.order : false} sx={hideBelow(c.hideBelow)}>
                    <TableSortLabel
                      active={view.sort === c.field}
                      direction={view.sort === c.field ? view.order : "asc"}
                      onClick={() => sortBy(c.field)}
                    >
                      {c.label}
                    </TableSortLabel>
                  </TableCell>
                ))}
              </TableRow>
            </TableHead>
            <TableBody>
              {!data &&
                Array.from({ length: 8 }, (_, i) => (
                  <TableRow key={`skeleton-${i}`} aria-hidden>
                    <TableCell colSpan={COLUMNS.length + (isAdmin ? 1 : 0)}>
                      <Placeholder />
                    </TableCell>
                  </TableRow>
                ))}
              {items.map((r, i) => (
                <TableRow
                  key={r.number}
                  hover
                  ref={(el: HTMLTableRowElement | null) => {
                    rowRefs.current[i] = el;
                  }}
                  data-queue-row
                  tabIndex={i === activeIndex ? 0 : -1}
                  onFocus={(e) => e.target === e.currentTarget && setActive(i)}
                  onClick={() => router.push(`/requests/${r.number}`)}
                  selected={selected.has(r.number)}
                  sx={{
                    cursor: "pointer",
                    "& td": { whiteSpace: { sm: "nowrap" } },
                  }}
                >
                  {isAdmin && (
                    <TableCell padding="checkbox" onClick={(e) => e.stopPropagation()}>
                      <Checkbox
                        size="small"
                        checked={selected.has(r.number)}
                        onChange={() => toggle(r.number)}
                        slotProps={{ input: { "aria-label": `Select ${r.number}` } }}
                      />
                    </TableCell>
                  )}
                  {COLUMNS.map((c) => (
                    <TableCell key={c.field} sx={hideBelow(c.hideBelow)}>
                      {c.cell(r)}
                    </TableCell>
                  ))}
                </TableRow>
              ))}
              {data && items.length === 0 && (
                <TableRow>
                  <TableCell colSpan={COLUMNS.length + (isAdmin ? 1 : 0)}>
                    <EmptyQueue mine={mine} onShowAll={() => setView({ requester: "all", status: undefined, type: undefined, team: undefined, priority: undefined, q: undefined, assignee: undefined })} />
                  </TableCell>
                </TableRow>
              )}
            </TableBody>
          </Table>
        </TableContainer>
        <QueuePagination
          count={data?.total ?? 0}
          countIsLowerBound={data?.totalIsLowerBound ?? false}
          page={data && data.total > 0 ? view.page - 1 : 0}
          rowsPerPage={view.pageSize}
          rowsPerPageOptions={[25, 50, 100]}
          onPageChange={(page) => setView({ page: page + 1 })}
          onRowsPerPageChange={(pageSize) => setView({ pageSize })}
        />
      </Paper>
    </Stack>
  );
}

/** The status, how long it has been in it, and a flag when that is too long. */
function StatusCell({ request: r }: { request: RequestSummary }) {
  const open = STALE_AFTER_DAYS[r.status] !== undefined;
  const stale = isStale(r.status, r.statusChangedAt);
  return (
    <Box sx={{ display: "flex", alignItems: "center", columnGap: 1, flexWrap: { xs: "wrap", sm: "nowrap" } }}>
      <StatusChip status={r.status} />
      {open && (
        <Typography
          component="span"
          variant="caption"
          color={stale ? "warning.main" : "text.secondary"}
          sx={{ fontWeight: stale ? 700 : 400 }}
          title={stale ? `Stale: over ${STALE_AFTER_DAYS[r.status]} d in ${LABELS.status[r.status]}` : `Time in ${LABELS.status[r.status]}`}
          suppressHydrationWarning
        >
          {stale ? "⚠ " : ""}
          {formatAge(r.statusChangedAt)}
        </Typography>
      )}
    </Box>
  );
}

function EmptyQueue({ mine, onShowAll }: { mine: boolean; onShowAll: () => void }) {
  return (
    <Box sx={{ py: 6, textAlign: "center" }}>
      <Typography variant="h3" component="p" sx={{ mb: 1 }}>
        No requests match this view
      </Typography>
      <Typography color="text.secondary" sx={{ mb: 2 }}>
        {mine ? "Submit a new request, or look through everyone's requests." : "Clear the filters to see every request."}
      </Typography>
      <Stack direction="row" spacing={1} sx={{ justifyContent: "center" }}>
        <Button variant="outlined" onClick={onShowAll}>
          Show all requests
        </Button>
        {mine && (
          <Button component={NextLink} href="/requests/new" variant="contained">
            Submit a request
          </Button>
        )}
      </Stack>
    </Box>
  );
}
