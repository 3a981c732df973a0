import Box from "@mui/material/Box";
import Typography from "@mui/material/Typography";
import { LABELS } from "@/lib/domain/requests/options";
import { FIELD_LABELS } from "@/lib/domain/requests/field-labels";
import type { RequestEventDto } from "@/lib/schemas/request";
import { RelativeTime } from "@/components/requests/relative-time";

function describe(e: RequestEventDto): string {
  switch (e.kind) {
    case "CREATED":
      return "submitted the request";
    case "STATUS":
      return `moved it from ${e.fromStatus ? LABELS.status[e.fromStatus] : "?"} to ${e.toStatus ? LABELS.status[e.toStatus] : "?"}`;
    case "ASSIGNEE":
      return e.newValue ? `assigned it to ${e.newValue}` : "removed the assignee";
    case "PRIORITY":
      return `set priority from ${e.oldValue ?? "—"} to ${e.newValue ?? "—"}`;
    case "EDIT": {
      const label = FIELD_LABELS[e.field as keyof typeof FIELD_LABELS] ?? e.field;
      return `changed ${label} from “${e.oldValue ?? "—"}” to “${e.newValue ?? "—"}”`;
    }
  }
}

/** The append-only history, oldest first. */
export function RequestHistory({ events }: { events: RequestEventDto[] }) {
  return (
    <Box component="ol" aria-label="Status history" sx={{ listStyle: "none", m: 0, p: 0 }}>
      {events.map((e) => (
        <Box component="li" key={e.id} sx={{ py: 1, borderLeft: 2, borderColor: "divider", pl: 1.5, ml: 0.5 }}>
          <Typography variant="body2">
            <strong>{e.actor.name}</strong> {describe(e)}
          </Typography>
          {e.note && (
            <Typography variant="body2" sx={{ mt: 0.5, whiteSpace: "pre-wrap", color: "text.secondary" }}>
              “{e.note}”
            </Typography>
          )}
          <Typography variant="caption" color="text.secondary">
            <RelativeTime iso={e.createdAt} />
          </Typography>
        </Box>
      ))}
    </Box>
  );
}
