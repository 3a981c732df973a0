"use client";
import { useEffect, useEffectEvent, useState, type CSSProperties } from "react";
import { useQuery } from "@tanstack/react-query";
import { LABELS, PRIORITIES, REQUEST_TYPES } from "@/lib/domain/requests/options";
import { LIST_QUERY_DEFAULTS } from "@/lib/schemas/list-params";
import type { ListRequestsQuery } from "@/lib/schemas/request";
import type { Role } from "@/lib/auth/roles";
import { adminsOptions } from "@/lib/queries/users";
import { useDebounced } from "@/components/hooks/use-debounced";
import { StaticButton } from "@/components/layout/static-button";
import { NativeSelectField, OutlinedTextField } from "@/components/requests/filter-fields";
import { StatusFilter } from "@/components/requests/status-filter";
import { NO_FILTERS } from "@/lib/domain/requests/presets";
import styles from "./filter-fields.module.css";

type Props = {
  view: ListRequestsQuery;
  role: Role;
  onChange: (patch: Partial<ListRequestsQuery>, options?: { replace?: boolean }) => void;
};

/** A text box that writes to the URL after typing pauses (replace: no history per key). */
function DebouncedTextFilter({
  label,
  value,
  onCommit,
  type = "text",
  id,
  style,
}: {
  label: string;
  value: string;
  onCommit: (v: string) => void;
  type?: "text" | "search";
  id?: string;
  style?: CSSProperties;
}) {
  const [text, setText] = useState(value);
  // The URL's value wins when it changes (back button, a preset): adjusted while rendering.
  const [textFor, setTextFor] = useState(value);
  if (value !== textFor) {
    setTextFor(value);
    setText(value);
  }
  const debounced = useDebounced(text, 300);
  // Commit only when the typed text settles, not when the URL catches up.
  const commit = useEffectEvent((settled: string) => {
    if (settled !== value) onCommit(settled);
  });
  useEffect(() => commit(debounced.trim()), [debounced]);
  return <OutlinedTextField id={id} label={label} value={text} onChange={setText} type={type} style={style} />;
}

/** The sorts offered beside the table's headers: time in status has no column of its own. */
const SORTS = [
  ["statusChangedAt:asc", "Time in status, longest first"],
  ["statusChangedAt:desc", "Time in status, shortest first"],
  ["number:desc", "Newest first"],
  ["updatedAt:desc", "Recently updated"],
  ["priority:desc", "Priority, highest first"],
] as const;

/** How many filters are set (the phone's "Filters" button shows it). */
export function countFilters(view: ListRequestsQuery): number {
  return [view.status?.length, view.type, view.team, view.priority, view.q, view.assignee, view.stale].filter(Boolean).length;
}

export function QueueFilters({ view, onChange, role }: Props) {
  const setCount = countFilters(view);
  const anyFilter = setCount > 0;
  const admins = useQuery(adminsOptions());
  // Phones: the filters fold behind one button, so the first rows show on the first screen.
  const [open, setOpen] = useState(false);
  const sortValue = `${view.sort}:${view.order}`;
  return (
    <div className={styles.filterArea}>
      <button type="button" className={styles.foldButton} aria-expanded={open} aria-controls="queue-filters" onClick={() => setOpen(!open)}>
        Filters{setCount > 0 ? ` (${setCount})` : ""}
      </button>
      <div id="queue-filters" className={open ? `${styles.filters} ${styles.open}` : styles.filters}>
        <DebouncedTextFilter
          id="queue-search"
          label="Search"
          type="search"
          value={view.q ?? ""}
          onCommit={(q) => onChange({ q: q || undefined }, { replace: true })}
          style={{ flex: 2, minWidth: 0 }}
        />
        <StatusFilter
          value={view.status ?? []}
          onChange={(status) => onChange({ status: status.length ? status : undefined })}
          style={{ flex: 2, minWidth: 160 }}
        />
        <NativeSelectField
          label="Type"
          value={view.type ?? ""}
          onChange={(type) => onChange({ type: (type || undefined) as ListRequestsQuery["type"] })}
          style={{ flex: 1, minWidth: 130 }}
        >
          <option value="">Any</option>
          {REQUEST_TYPES.map((t) => (
            <option key={t} value={t}>
              {LABELS.requestType[t]}
            </option>
          ))}
        </NativeSelectField>
        <NativeSelectField
          label="Priority"
          value={view.priority ?? ""}
          onChange={(priority) => onChange({ priority: (priority || undefined) as ListRequestsQuery["priority"] })}
          style={{ flex: 1, minWidth: 120 }}
        >
          <option value="">Any</option>
          {PRIORITIES.map((p) => (
            <option key={p} value={p}>
              {LABELS.priority[p]}
            </option>
          ))}
        </NativeSelectField>
        <NativeSelectField
          label="Assignee"
          value={view.assignee ?? ""}
          onChange={(assignee) => onChange({ assignee: assignee || undefined })}
          style={{ flex: 1.2, minWidth: 140 }}
        >
          <option value="">Anyone</option>
          {role === "ADMIN" && <option value="me">Me</option>}
          <option value="unassigned">Unassigned</option>
          {admins.data?.items.map((a) => (
            <option key={a.id} value={a.id}>
              {a.name}
            </option>
          ))}
        </NativeSelectField>
        <NativeSelectField
          label="Stale"
          value={view.stale ?? ""}
          onChange={(stale) => onChange({ stale: stale === "true" ? "true" : undefined })}
          style={{ flex: 1, minWidth: 110 }}
        >
          <option value="">Any</option>
          <option value="true">Stale only</option>
        </NativeSelectField>
        <NativeSelectField
          label="Sort"
          value={SORTS.some(([v]) => v === sortValue) ? sortValue : ""}
          onChange={(value) => {
            const [sort, order] = (value || `${LIST_QUERY_DEFAULTS.sort}:${LIST_QUERY_DEFAULTS.order}`).split(":") as [
              ListRequestsQuery["sort"],
              ListRequestsQuery["order"],
            ];
            onChange({ sort, order });
          }}
          style={{ flex: 1.5, minWidth: 150 }}
        >
          <option value="">By the table&apos;s column</option>
          {SORTS.map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </NativeSelectField>
        <DebouncedTextFilter
          label="Team"
          value={view.team ?? ""}
          onCommit={(team) => onChange({ team: team || undefined }, { replace: true })}
          style={{ flex: 1.5, minWidth: 0 }}
        />
        <StaticButton onClick={() => onChange(NO_FILTERS)} disabled={!anyFilter} style={{ flexShrink: 0 }}>
          Clear filters
        </StaticButton>
      </div>
    </div>
  );
}
