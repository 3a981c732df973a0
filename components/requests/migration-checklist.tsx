"use client";
// The migration checklist on a request's page, in static CSS (migration-checklist.module.css)
// with native checkboxes in MUI's look: Checkbox, FormControlLabel and LinearProgress
// stayed out of the page's JavaScript (issue #20).
import { LABELS, MIGRATION_CHECKLIST } from "@/lib/domain/requests/options";
import { useUpdateRequest } from "@/lib/queries/request-mutations";
import type { RequestDetail } from "@/lib/schemas/request";
import { useToast } from "@/components/feedback/toast-provider";
import { useRequestRefresh } from "@/components/requests/request-refresh";
import { StaticCheckbox } from "@/components/layout/static-checkbox";
import ui from "@/components/layout/static-page.module.css";
import styles from "./migration-checklist.module.css";

/** The migration's steps; the storage team ticks them as it goes, everyone sees progress. */
export function MigrationChecklist({ request, canEdit }: { request: Pick<RequestDetail, "number" | "checklist" | "version">; canEdit: boolean }) {
  const update = useUpdateRequest(request.number);
  const toast = useToast();
  // Until the page has been rendered again after a tick, `request` holds the old version.
  const { refreshing } = useRequestRefresh();
  const done = new Set(request.checklist);
  const percent = Math.round((done.size / MIGRATION_CHECKLIST.length) * 100);
  return (
    <div>
      <p className={`${ui.body2} ${ui.secondary}`} id="checklist-progress">
        {done.size} of {MIGRATION_CHECKLIST.length} steps done
      </p>
      <span className={styles.progress} role="progressbar" aria-valuenow={percent} aria-valuemin={0} aria-valuemax={100} aria-labelledby="checklist-progress">
        <span className={styles.bar} style={{ transform: `translateX(${percent - 100}%)` }} />
      </span>
      {update.error && (
        <p className={`${ui.body2} ${ui.error}`} role="alert">
          {update.error.message}
        </p>
      )}
      <div className={styles.steps}>
        {MIGRATION_CHECKLIST.map((item) => (
          <label key={item} className={styles.step}>
            <StaticCheckbox
              size="medium"
              checked={done.has(item)}
              disabled={!canEdit || update.isPending || refreshing}
              onChange={(checked) =>
                update.mutate(
                  { checklist: { [item]: checked }, version: request.version },
                  { onSuccess: () => toast(`${LABELS.checklist[item]} marked ${checked ? "done" : "not done"}`) },
                )
              }
            />
            <span className={styles.stepLabel}>{LABELS.checklist[item]}</span>
          </label>
        ))}
      </div>
    </div>
  );
}
