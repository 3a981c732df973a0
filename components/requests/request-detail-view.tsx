"use client";
// The dataset page: every metadata field, who asked and when, and the status history.
import type { ReactNode } from "react";
import NextLink from "next/link";
import { useQuery } from "@tanstack/react-query";
import Box from "@mui/material/Box";
import Divider from "@mui/material/Divider";
import Grid from "@mui/material/Grid";
import Link from "@mui/material/Link";
import Paper from "@mui/material/Paper";
import Stack from "@mui/material/Stack";
import Typography from "@mui/material/Typography";
import { CLOSED_STATUSES, LABELS } from "@/lib/domain/requests/options";
import { requestDetailOptions } from "@/lib/queries/requests";
import { formatAge, formatDateTime, formatRelative } from "@/lib/format/time";
import type { RequestDetail } from "@/lib/schemas/request";
import { PriorityChip, StatusChip } from "@/components/requests/status-chip";
import { RelativeTime } from "@/components/requests/relative-time";
import type { SessionUser } from "@/lib/auth/roles";
import { isStale } from "@/lib/domain/requests/staleness";
import { RequestActivity } from "@/components/requests/request-activity";
import { DatasetName } from "@/components/layout/dataset-name";
import { RequestActions } from "@/components/requests/request-actions";
import { MigrationChecklist } from "@/components/requests/migration-checklist";
import { estimateCapacity } from "@/lib/domain/capacity/estimate";
import { CapacityEstimate } from "@/components/capacity/capacity-estimate";
import { answersByReplying, openQuestion } from "@/lib/domain/requests/needs-info";
import { NeedsInfoBanner } from "@/components/requests/needs-info-banner";
import { LinkButton } from "@/components/layout/link-button";
import { MetadataSections, none } from "@/components/requests/metadata-sections";
import { DatasetPanel } from "@/components/datasets/dataset-panel";
import type { RequestDataset } from "@/lib/schemas/dataset";
import { WatchButton } from "@/components/notifications/watch-button";

export function RequestDetailView({ number, user, dataset }: { number: string; user: SessionUser; dataset?: RequestDataset | null }) {
  const { data: r, refetch } = useQuery(requestDetailOptions(number));
  if (!r) return null;
  const stale = isStale(r.status, r.statusChangedAt);

  return (
    <Stack spacing={2.5}>
      <Box>
        <Link component={NextLink} href="/requests" variant="body2">
          ← Back to requests
        </Link>
      </Box>
      <Stack direction={{ xs: "column", md: "row" }} spacing={1.5} sx={{ alignItems: { md: "center" } }}>
        <Typography variant="h1">
          <Box component="span" sx={{ color: "text.secondary", mr: 1, whiteSpace: "nowrap" }}>
            {r.number}
          </Box>
          <DatasetName name={r.datasetName} />
        </Typography>
        <Stack direction="row" spacing={1} sx={{ alignItems: "center", flexWrap: "wrap" }}>
          <StatusChip status={r.status} size="medium" />
          <PriorityChip priority={r.priority} size="medium" />
          <Typography variant="body2" color={stale ? "warning.main" : "text.secondary"} suppressHydrationWarning>
            {CLOSED_STATUSES.includes(r.status)
              ? `${LABELS.status[r.status]} ${formatRelative(r.statusChangedAt)}`
              : `${LABELS.status[r.status]} for ${formatAge(r.statusChangedAt)}${stale ? " · stale" : ""}`}
          </Typography>
          <WatchButton number={r.number} />
        </Stack>
      </Stack>

      <OpenQuestion request={r} user={user} />

      {dataset && <DatasetPanel dataset={dataset} />}

      <RequestActionsPanel request={r} user={user} onStale={() => refetch()} />

      <Paper sx={{ p: 2 }}>
        <Grid container spacing={2}>
          <Fact label="Requester">
            {r.requester.name}
            <Typography variant="body2" color="textSecondary">
              {r.requester.email}
            </Typography>
          </Fact>
          <Fact label="Assignee">{r.assignee?.name ?? none}</Fact>
          <Fact label="Requested">
            <RelativeTime iso={r.createdAt} />
            <Typography variant="body2" color="textSecondary">
              {formatDateTime(r.createdAt)}
            </Typography>
          </Fact>
          <Fact label="Updated">
            <RelativeTime iso={r.updatedAt} />
            <Typography variant="body2" color="textSecondary">
              {formatDateTime(r.updatedAt)}
            </Typography>
          </Fact>
          {r.completedAt && <Fact label="Completed">{formatDateTime(r.completedAt)}</Fact>}
        </Grid>
      </Paper>

      <Grid container spacing={2.5}>
        <Grid size={{ xs: 12, lg: 8 }}>
          <Stack spacing={2}>
            <MetadataSections metadata={r} />
          </Stack>
        </Grid>
        <Grid size={{ xs: 12, lg: 4 }}>
          <Stack spacing={2}>
            <Paper sx={{ overflow: "hidden", "& > section": { borderRadius: 0, bgcolor: "transparent" } }}>
              <CapacityEstimate estimate={estimateCapacity(r)} headingComponent="h2" />
            </Paper>
            {r.requestType === "MIGRATION" && (
              <Paper component="section" aria-label="Migration checklist" sx={{ p: { xs: 2, sm: 2.5 } }}>
                <Typography variant="h2" sx={{ mb: 1 }}>
                  Migration checklist
                </Typography>
                <MigrationChecklist request={r} canEdit={user.role === "ADMIN"} />
              </Paper>
            )}
            <Paper component="section" aria-label="Activity" sx={{ p: { xs: 2, sm: 2.5 } }}>
              <Typography variant="h2" sx={{ mb: 1 }}>
                Activity
              </Typography>
              <Divider sx={{ mb: 1 }} />
              <RequestActivity request={r} user={user} />
            </Paper>
          </Stack>
        </Grid>
      </Grid>
    </Stack>
  );
}

/** The storage team's question while the request waits on its requester, who answers from here. */
function OpenQuestion({ request: r, user }: { request: RequestDetail; user: SessionUser }) {
  const question = openQuestion(r);
  if (!question) return null;
  const mine = user.id === r.requester.id;
  return (
    <NeedsInfoBanner question={question} waitingOn={mine ? undefined : r.requester.name}>
      {answersByReplying(user, r) && (
        <Box sx={{ mt: 1.5 }}>
          <LinkButton href={`/requests/${r.number}/edit#reply`} variant="contained">
            Reply and resubmit
          </LinkButton>
        </Box>
      )}
    </NeedsInfoBanner>
  );
}

function RequestActionsPanel(props: { request: RequestDetail; user: SessionUser; onStale: () => void }) {
  const actions = <RequestActions {...props} />;
  return (
    <Paper component="section" aria-label="Actions" sx={{ p: 2, "&:empty": { display: "none" } }}>
      {actions}
    </Paper>
  );
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Grid size={{ xs: 6, md: 3 }}>
      <Typography variant="overline" color="textSecondary" component="div" sx={{ lineHeight: 1.6 }}>
        {label}
      </Typography>
      <Box>{children}</Box>
    </Grid>
  );
}
