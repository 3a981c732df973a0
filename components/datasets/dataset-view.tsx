// The dataset's full metadata page: its metadata in the form's sections, provisioned
// facts, people and links, the capacity estimate from its current figures, its history
// and its requests (open ones first). Rendered on the server; the facts editor is the
// one interactive leaf.
import type { ReactNode } from "react";
import Box from "@mui/material/Box";
import Grid from "@mui/material/Grid";
import Link from "@mui/material/Link";
import Paper from "@mui/material/Paper";
import Stack from "@mui/material/Stack";
import Typography from "@mui/material/Typography";
import type { SessionUser } from "@/lib/auth/roles";
import type { DatasetChangeDto, DatasetDetail } from "@/lib/schemas/dataset";
import { CLOSED_STATUSES, LABELS } from "@/lib/domain/requests/options";
import { FIELD_LABELS } from "@/lib/domain/requests/field-labels";
import { DATASET_FACT_LABELS, DATASET_STATUS_LABELS, type DatasetStatus } from "@/lib/domain/datasets/options";
import { estimateCapacity } from "@/lib/domain/capacity/estimate";
import { formatDateTime } from "@/lib/format/time";
import { CapacityEstimate } from "@/components/capacity/capacity-estimate";
import { DatasetName } from "@/components/layout/dataset-name";
import { LinkButton } from "@/components/layout/link-button";
import { MetadataSections, SectionCard, none } from "@/components/requests/metadata-sections";
import { RelativeTime } from "@/components/requests/relative-time";
import { StatusChip } from "@/components/requests/status-chip";
import { DatasetStatusChip } from "@/components/datasets/dataset-status-chip";
import { DatasetFactsEditor } from "@/components/datasets/dataset-facts-editor";

const fieldLabel = (field: string) =>
  field === "status" ? "Status" : ((FIELD_LABELS as Record<string, string>)[field] ?? (DATASET_FACT_LABELS as Record<string, string>)[field] ?? field);
const historyValue = (c: DatasetChangeDto, v: string | null) =>
  v === null ? "—" : c.field === "status" ? (DATASET_STATUS_LABELS[v as DatasetStatus] ?? v) : c.field === "provisionedAt" ? formatDateTime(v) : v;

function RequestLink({ number }: { number: string }) {
  return <Link href={`/requests/${number}`}>{number}</Link>;
}

/** A stored link: shown as one only when it is http or https (PATCH allows nothing else). */
function ExternalLink({ href }: { href: string | null }) {
  if (!href) return none;
  return /^https?:\/\//i.test(href) ? (
    <Link href={href} target="_blank" rel="noopener noreferrer">
      {href}
    </Link>
  ) : (
    <>{href}</>
  );
}

function HistoryLine({ change: c }: { change: DatasetChangeDto }) {
  let what: ReactNode;
  if (c.field === "status" && c.oldValue === null) what = "Created";
  else if (c.field === "status") what = historyValue(c, c.newValue);
  else
    what = (
      <>
        <strong>{fieldLabel(c.field)}</strong>: {historyValue(c, c.oldValue)} → {historyValue(c, c.newValue)}
      </>
    );
  return (
    <Box component="li" sx={{ py: 0.75, borderBottom: 1, borderColor: "divider", "&:last-child": { borderBottom: 0 } }}>
      <Typography variant="body2" sx={{ wordBreak: "break-word" }}>
        {what}
      </Typography>
      <Typography variant="caption" color="textSecondary">
        {c.request ? (
          <>
            <RequestLink number={c.request} /> ·{" "}
          </>
        ) : null}
        {c.actor.name} · <RelativeTime iso={c.createdAt} />
      </Typography>
    </Box>
  );
}

export function DatasetView({ dataset: d, user }: { dataset: DatasetDetail; user: SessionUser }) {
  const live = d.status !== "DECOMMISSIONED";
  const openRequest = (type: string) => d.requests.find((r) => r.requestType === type && !CLOSED_STATUSES.includes(r.status));
  const openChange = openRequest("CHANGE");
  const openDecommission = openRequest("DECOMMISSION");
  const encoded = encodeURIComponent(d.name);

  return (
    <Stack spacing={2.5}>
      <Box>
        <Link href="/datasets" variant="body2">
          ← Back to datasets
        </Link>
      </Box>
      <Stack direction={{ xs: "column", md: "row" }} spacing={1.5} sx={{ alignItems: { md: "center" } }}>
        <Typography variant="h1" sx={{ fontFamily: "monospace" }}>
          <DatasetName name={d.name} />
        </Typography>
        <Stack direction="row" spacing={1} sx={{ alignItems: "center", flexWrap: "wrap" }}>
          <DatasetStatusChip status={d.status} size="medium" />
          <Typography variant="body2" color="textSecondary">
            From <RequestLink number={d.originRequest} /> · last change <RelativeTime iso={d.updatedAt} />
          </Typography>
        </Stack>
      </Stack>

      {live && (
        <Paper component="section" aria-label="Actions" sx={{ p: 2 }}>
          <Stack direction={{ xs: "column", sm: "row" }} spacing={1.5} sx={{ alignItems: { sm: "center" }, flexWrap: "wrap" }}>
            {openChange ? (
              <Typography variant="body2">
                A change is open: <RequestLink number={openChange.number} />
              </Typography>
            ) : (
              <LinkButton href={`/requests/new?change=${encoded}`} prefetchOnIntent variant="contained">
                Request a change
              </LinkButton>
            )}
            {openDecommission ? (
              <Typography variant="body2">
                Being decommissioned: <RequestLink number={openDecommission.number} />
              </Typography>
            ) : (
              <LinkButton href={`/requests/new?decommission=${encoded}`} prefetchOnIntent variant="outlined" color="error">
                Decommission
              </LinkButton>
            )}
            {user.role === "ADMIN" && <DatasetFactsEditor dataset={d} />}
          </Stack>
        </Paper>
      )}
      {!live && d.decommissionedAt && (
        <Paper sx={{ p: 2 }}>
          <Typography>Decommissioned on {formatDateTime(d.decommissionedAt)}. Its name is free for a new dataset.</Typography>
        </Paper>
      )}

      <Grid container spacing={2.5}>
        <Grid size={{ xs: 12, lg: 8 }}>
          <Stack spacing={2}>
            <MetadataSections metadata={{ ...d, datasetName: d.name }} />
          </Stack>
        </Grid>
        <Grid size={{ xs: 12, lg: 4 }}>
          <Stack spacing={2}>
            <SectionCard
              title="Provisioned facts"
              labelWidth={140}
              rows={[
                [DATASET_FACT_LABELS.cluster, d.cluster ?? none],
                [DATASET_FACT_LABELS.namespace, d.namespace ?? none],
                [DATASET_FACT_LABELS.endpoint, d.endpoint ? <code>{d.endpoint}</code> : none],
                [DATASET_FACT_LABELS.actualSizeGb, d.actualSizeGb === null ? none : `${d.actualSizeGb.toLocaleString("en-US")} GB`],
                [DATASET_FACT_LABELS.peakQps, d.peakQps === null ? none : d.peakQps.toLocaleString("en-US")],
                [DATASET_FACT_LABELS.provisionedAt, d.provisionedAt ? formatDateTime(d.provisionedAt) : none],
              ]}
            />
            <SectionCard
              title="People and links"
              labelWidth={140}
              rows={[
                [FIELD_LABELS.ownerTeam, d.ownerTeam],
                [
                  FIELD_LABELS.contactEmail,
                  <Link key="v" href={`mailto:${d.contactEmail}`}>
                    {d.contactEmail}
                  </Link>,
                ],
                [DATASET_FACT_LABELS.onCall, d.onCall ?? none],
                [DATASET_FACT_LABELS.runbookUrl, <ExternalLink key="v" href={d.runbookUrl} />],
                [DATASET_FACT_LABELS.dashboardUrl, <ExternalLink key="v" href={d.dashboardUrl} />],
              ]}
            />
            <Paper sx={{ overflow: "hidden", "& > section": { borderRadius: 0, bgcolor: "transparent" } }}>
              <CapacityEstimate estimate={estimateCapacity(d)} headingComponent="h2" />
            </Paper>
            <Paper component="section" aria-label="Requests" sx={{ p: { xs: 2, sm: 2.5 } }}>
              <Typography variant="h2" sx={{ mb: 1 }}>
                Requests
              </Typography>
              <Box component="ul" sx={{ m: 0, p: 0, listStyle: "none" }}>
                {d.requests.map((r) => (
                  <Box component="li" key={r.number} sx={{ py: 0.75, display: "flex", gap: 1, alignItems: "center", flexWrap: "wrap" }}>
                    <RequestLink number={r.number} />
                    <Typography variant="body2">{LABELS.requestType[r.requestType]}</Typography>
                    <StatusChip status={r.status} />
                    <Typography variant="caption" color="textSecondary">
                      {r.requester.name} · <RelativeTime iso={r.createdAt} />
                    </Typography>
                  </Box>
                ))}
              </Box>
            </Paper>
            <Paper component="section" aria-label="History" sx={{ p: { xs: 2, sm: 2.5 } }}>
              <Typography variant="h2" sx={{ mb: 1 }}>
                History
              </Typography>
              <Box component="ul" sx={{ m: 0, p: 0, listStyle: "none" }}>
                {d.history.map((c) => (
                  <HistoryLine key={c.id} change={c} />
                ))}
              </Box>
            </Paper>
          </Stack>
        </Grid>
      </Grid>
    </Stack>
  );
}
