"use client";
import { useEffect, useState } from "react";
import { useQuery } from "@tanstack/react-query";
import Button from "@mui/material/Button";
import Checkbox from "@mui/material/Checkbox";
import ListItemText from "@mui/material/ListItemText";
import MenuItem from "@mui/material/MenuItem";
import Stack from "@mui/material/Stack";
import TextField from "@mui/material/TextField";
import { LABELS, PRIORITIES, REQUEST_STATUSES, REQUEST_TYPES, type RequestStatus } from "@/lib/domain/requests/options";
import type { ListRequestsQuery } from "@/lib/schemas/request";
import type { Role } from "@/lib/auth/roles";
import { adminsOptions } from "@/lib/queries/users";
import { useDebounced } from "@/components/hooks/use-debounced";

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
}: {
  label: string;
  value: string;
  onCommit: (v: string) => void;
  type?: "text" | "search";
  id?: string;
}) {
  const [text, setText] = useState(value);
  const debounced = useDebounced(text, 300);
  useEffect(() => setText(value), [value]);
  useEffect(() => {
    if (debounced.trim() !== value) onCommit(debounced.trim());
    // Commit only when the typed text settles, not when the URL catches up.
  }, [debounced]);
  return <TextField id={id} label={label} value={text} onChange={(e) => setText(e.target.value)} type={type} />;
}

export function QueueFilters({ view, onChange, role }: Props) {
  const anyFilter = Boolean(view.status?.length || view.type || view.team || view.priority || view.q || view.assignee);
  const admins = useQuery(adminsOptions());
  return (
    <Stack direction={{ xs: "column", md: "row" }} spacing={1.5} sx={{ alignItems: { md: "center" } }}>
      <Stack sx={{ flex: 2, minWidth: 0 }}>
        <DebouncedTextFilter id="queue-search" label="Search" type="search" value={view.q ?? ""} onCommit={(q) => onChange({ q: q || undefined }, { replace: true })} />
      </Stack>
      <TextField
        select
        label="Status"
        value={view.status ?? []}
        onChange={(e) => {
          const value = e.target.value as unknown as RequestStatus[];
          onChange({ status: value.length ? value : undefined });
        }}
        slotProps={{
          select: {
            multiple: true,
            renderValue: (selected) =>
              (selected as RequestStatus[]).length === REQUEST_STATUSES.length
                ? "Any"
                : (selected as RequestStatus[]).map((s) => LABELS.status[s]).join(", "),
          },
        }}
        sx={{ flex: 2, minWidth: 160 }}
      >
        {REQUEST_STATUSES.map((s) => (
          <MenuItem key={s} value={s}>
            <Checkbox size="small" checked={view.status?.includes(s) ?? false} />
            <ListItemText primary={LABELS.status[s]} />
          </MenuItem>
        ))}
      </TextField>
      <TextField
        select
        label="Type"
        value={view.type ?? ""}
        onChange={(e) => onChange({ type: (e.target.value || undefined) as ListRequestsQuery["type"] })}
        slotProps={{ select: { native: true }, inputLabel: { shrink: true } }}
        sx={{ flex: 1, minWidth: 130 }}
      >
        <option value="">Any</option>
        {REQUEST_TYPES.map((t) => (
          <option key={t} value={t}>
            {LABELS.requestType[t]}
          </option>
        ))}
      </TextField>
      <TextField
        select
        label="Priority"
        value={view.priority ?? ""}
        onChange={(e) => onChange({ priority: (e.target.value || undefined) as ListRequestsQuery["priority"] })}
        slotProps={{ select: { native: true }, inputLabel: { shrink: true } }}
        sx={{ flex: 1, minWidth: 120 }}
      >
        <option value="">Any</option>
        {PRIORITIES.map((p) => (
          <option key={p} value={p}>
            {LABELS.priority[p]}
          </option>
        ))}
      </TextField>
      <TextField
        select
        label="Assignee"
        value={view.assignee ?? ""}
        onChange={(e) => onChange({ assignee: e.target.value || undefined })}
        slotProps={{ select: { native: true }, inputLabel: { shrink: true } }}
        sx={{ flex: 1.2, minWidth: 140 }}
      >
        <option value="">Anyone</option>
        {role === "ADMIN" && <option value="me">Me</option>}
        <option value="unassigned">Unassigned</option>
        {admins.data?.items.map((a) => (
          <option key={a.id} value={a.id}>
            {a.name}
          </option>
        ))}
      </TextField>
      <Stack sx={{ flex: 1.5, minWidth: 0 }}>
        <DebouncedTextFilter label="Team" value={view.team ?? ""} onCommit={(team) => onChange({ team: team || undefined }, { replace: true })} />
      </Stack>
      <Button
        onClick={() => onChange({ status: undefined, type: undefined, team: undefined, priority: undefined, q: undefined, assignee: undefined })}
        disabled={!anyFilter}
        sx={{ flexShrink: 0 }}
      >
        Clear filters
      </Button>
    </Stack>
  );
}
