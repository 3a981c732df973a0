import type { Metadata } from "next";
import Grid from "@mui/material/Grid";
import Stack from "@mui/material/Stack";
import Typography from "@mui/material/Typography";
import { requireUser } from "@/lib/auth/current-user";
import { getInsights } from "@/lib/data/insights/get-insights";
import { INSIGHT_RANGES, monthLabel, readRange } from "@/lib/domain/insights/months";
import { backlogSummary, completionSummary, prioritySummary, requestsSummary, teamsSummary } from "@/lib/domain/insights/summaries";
import { LABELS, PRIORITIES, REQUEST_TYPES } from "@/lib/domain/requests/options";
import { ChartCard } from "@/components/insights/chart-card";
import { BacklogChart, CompletionTimeChart, PriorityChart, RequestsOverTimeChart, TopTeamsChart } from "@/components/insights/lazy-charts";
import { LinkButton } from "@/components/layout/link-button";
import { HeadlineFigures } from "@/components/insights/headline-figures";
import { insightsQueueLinks as links } from "@/lib/domain/insights/queue-links";

export const metadata: Metadata = { title: "Insights" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

// Server page: the database aggregates (lib/data/insights), the charts draw them on
// the client, and every chart has its numbers as text and as a table.
export default async function InsightsPage({ searchParams }: Props) {
  const user = await requireUser(); // requesters and admins alike
  const range = readRange((await searchParams).months);
  const data = await getInsights(range);
  const open = data.backlog.reduce((sum, b) => sum + b.count, 0);
  const stale = data.backlog.reduce((sum, b) => sum + b.stale, 0);
  const empty = data.requestsByMonth.every((m) => REQUEST_TYPES.every((t) => m.counts[t] === 0)) && data.backlog.every((b) => b.count === 0);

  return (
    <Stack spacing={2.5}>
      <Stack direction={{ xs: "column", sm: "row" }} spacing={2} sx={{ justifyContent: "space-between", alignItems: { sm: "center" } }}>
        <div>
          <Typography variant="h1">Insights</Typography>
          <Typography color="textSecondary">
            {monthLabel(data.months[0]!)} – {monthLabel(data.months[data.months.length - 1]!)}, counted by the database as of this page load.
          </Typography>
        </div>
        <Stack direction="row" spacing={1} component="nav" aria-label="Period">
          {INSIGHT_RANGES.map((months) => (
            <LinkButton
              key={months}
              href={`/insights?months=${months}`}
              variant={months === range ? "contained" : "outlined"}
              size="small"
              ariaCurrent={months === range}
            >
              {months} months
            </LinkButton>
          ))}
        </Stack>
      </Stack>

      {empty && (
        <Stack spacing={1.5} sx={{ py: 4, alignItems: "center", textAlign: "center" }}>
          <Typography variant="h2" component="p">
            Nothing to chart yet
          </Typography>
          <Typography color="textSecondary">Insights fill in as requests are submitted and worked on. Submit the first one.</Typography>
          <LinkButton href="/requests/new" prefetchOnIntent variant="contained">
            Submit a request
          </LinkButton>
        </Stack>
      )}

      <HeadlineFigures
        figures={[
          { value: open, name: "open", href: links.open(), hint: "Open requests: every status before Completed" },
          { value: stale, name: "stale", href: links.stale(user.role), hint: "Open requests longer in their status than its threshold" },
          { value: data.unassigned, name: "unassigned", href: links.unassigned(user.role), hint: "Open requests nobody is assigned to" },
          { value: data.backlogByPriority.URGENT, name: "urgent", href: links.priority("URGENT"), hint: "Open requests of urgent priority" },
        ]}
      />

      <Grid container spacing={2.5}>
        <Grid size={{ xs: 12, lg: 6 }}>
          <ChartCard
            id="requests-over-time"
            title="Requests over time"
            summary={requestsSummary(data.requestsByMonth)}
            chart={<RequestsOverTimeChart data={data.requestsByMonth} />}
            table={{
              columns: ["Month", ...REQUEST_TYPES.map((t) => LABELS.requestType[t]), "Total"],
              rows: data.requestsByMonth.map((m) => [
                monthLabel(m.month),
                ...REQUEST_TYPES.map((t) => m.counts[t]),
                REQUEST_TYPES.reduce((s, t) => s + m.counts[t], 0),
              ]),
            }}
          />
        </Grid>
        <Grid size={{ xs: 12, lg: 6 }}>
          <ChartCard
            id="backlog"
            title="Backlog by status"
            summary={backlogSummary(data.backlog, data.backlogByPriority)}
            chart={<BacklogChart data={data.backlog} />}
            table={{
              columns: ["Status", "Open", "Stale"],
              rows: data.backlog.map((b) => [
                LABELS.status[b.status],
                { value: b.count, href: links.status(b.status), name: `open in ${LABELS.status[b.status]}` },
                { value: b.stale, href: links.staleIn(b.status), name: `stale in ${LABELS.status[b.status]}` },
              ]),
            }}
          />
        </Grid>
        <Grid size={{ xs: 12, lg: 6 }}>
          <ChartCard
            id="completion-time"
            title="Median time to completion"
            summary={completionSummary(data.completionByMonth)}
            chart={<CompletionTimeChart data={data.completionByMonth} />}
            table={{
              columns: ["Month completed", "Median days", "Completed"],
              rows: data.completionByMonth.map((m) => [monthLabel(m.month), m.medianDays ?? "—", m.completed]),
            }}
          />
        </Grid>
        <Grid size={{ xs: 12, lg: 6 }}>
          <ChartCard
            id="top-teams"
            title="Top teams"
            summary={teamsSummary(data.topTeams, range)}
            chart={<TopTeamsChart data={data.topTeams} />}
            table={{
              columns: ["Team", "Requests", "Open"],
              rows: data.topTeams.map((t) => [t.team, t.total, t.open]),
            }}
          />
        </Grid>
        <Grid size={{ xs: 12, lg: 6 }}>
          <ChartCard
            id="backlog-priority"
            title="Backlog by priority"
            summary={prioritySummary(data.backlogByPriority)}
            chart={<PriorityChart data={data.backlogByPriority} />}
            table={{
              columns: ["Priority", "Open"],
              rows: PRIORITIES.map((p) => [
                LABELS.priority[p],
                { value: data.backlogByPriority[p], href: links.priority(p), name: `open of ${LABELS.priority[p]} priority` },
              ]),
            }}
          />
        </Grid>
      </Grid>
    </Stack>
  );
}
