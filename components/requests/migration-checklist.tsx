"use client";
import Box from "@mui/material/Box";
import Checkbox from "@mui/material/Checkbox";
import FormControlLabel from "@mui/material/FormControlLabel";
import FormGroup from "@mui/material/FormGroup";
import LinearProgress from "@mui/material/LinearProgress";
import Typography from "@mui/material/Typography";
import { LABELS, MIGRATION_CHECKLIST } from "@/lib/domain/requests/options";
import { useUpdateRequest } from "@/lib/queries/request-mutations";
import type { RequestDetail } from "@/lib/schemas/request";
import { useToast } from "@/components/feedback/toast-provider";

/** The migration's steps; the storage team ticks them as it goes, everyone sees progress. */
export function MigrationChecklist({ request, canEdit }: { request: RequestDetail; canEdit: boolean }) {
  const update = useUpdateRequest(request.number);
  const toast = useToast();
  const done = new Set(request.checklist);
  const percent = Math.round((done.size / MIGRATION_CHECKLIST.length) * 100);
  return (
    <Box>
      <Typography variant="body2" color="textSecondary" id="checklist-progress">
        {done.size} of {MIGRATION_CHECKLIST.length} steps done
      </Typography>
      <LinearProgress variant="determinate" value={percent} aria-labelledby="checklist-progress" sx={{ my: 1, height: 6, borderRadius: 3 }} />
      {update.error && (
        <Typography color="error" variant="body2" role="alert">
          {update.error.message}
        </Typography>
      )}
      <FormGroup>
        {MIGRATION_CHECKLIST.map((item) => (
          <FormControlLabel
            key={item}
            label={LABELS.checklist[item]}
            control={
              <Checkbox
                checked={done.has(item)}
                disabled={!canEdit || update.isPending}
                onChange={(e) => {
                  const done = e.target.checked;
                  update.mutate(
                    { checklist: { [item]: done }, version: request.version },
                    { onSuccess: () => toast(`${LABELS.checklist[item]} marked ${done ? "done" : "not done"}`) },
                  );
                }}
              />
            }
          />
        ))}
      </FormGroup>
    </Box>
  );
}
