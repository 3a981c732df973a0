import type { Metadata } from "next";
import { requireUser } from "@/lib/auth/current-user";
import { getInsights } from "@/lib/data/insights/get-insights";
import { INSIGHT_RANGES, monthLabel, readRange } from "@/lib/domain/insights/months";
import { backlogSummary, completionSummary, prioritySummary, requestsSummary, teamsSummary } from "@/lib/domain/insights/summaries";
import { LABELS, PRIORITIES, REQUEST_TYPES } from "@/lib/domain/requests/options";
import { ChartCard } from "@/components/insights/chart-card";
import { BacklogChart, CompletionTimeChart, PriorityChart, RequestsOverTimeChart, TopTeamsChart } from "@/components/insights/lazy-charts";
import { StaticLinkButton } from "@/components/layout/static-button";
import { HeadlineFigures } from "@/components/insights/headline-figures";
import { insightsQueueLinks as links } from "@/lib/domain/insights/queue-links";
import ui from "@/components/layout/static-page.module.css";
import styles from "@/components/insights/insights.module.css";

export const metadata: Metadata = { title: "Insights" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

// Server page: the database aggregates (lib/data/insights), the charts draw them on
// the client, and every chart has its numbers as text and as a table. Everything but
// the charts is static HTML and CSS (insights.module.css): nothing else hydrates.
export default async function InsightsPage({ searchParams }: Props) {
  const user = await requireUser(); // requesters and admins alike
  const range = readRange((await searchParams).months);
  const data = await getInsights(range);
  const open = data.backlog.reduce((sum, b) => sum + b.count, 0);
  const stale = data.backlog.reduce((sum, b) => sum + b.stale, 0);
  const empty = data.requestsByMonth.every((m) => REQUEST_TYPES.every((t) => m.counts[t] === 0)) && data.backlog.every((b) => b.count === 0);

  return (
    <div className={ui.stack25}>
      <div className={styles.header}>
        <div>
          <h1 className={ui.h1}>Insights</h1>
          <p className={`${ui.body1} ${ui.secondary}`}>
            {monthLabel(data.months[0]!)} – {monthLabel(data.months[data.months.length - 1]!)}, counted by the database as of this page load.
          </p>
        </div>
        <nav aria-label="Period" className={styles.periods}>
          {INSIGHT_RANGES.map((months) => (
            <StaticLinkButton
              key={months}
              href={`/insights?months=${months}`}
              variant={months === range ? "contained" : "outlined"}
              size="small"
              aria-current={months === range ? "page" : undefined}
            >
              {months} months
            </StaticLinkButton>
          ))}
        </nav>
      </div>

      {empty && (
        <div className={styles.empty}>
          <p className={ui.h2}>Nothing to chart yet</p>
          <p className={`${ui.body1} ${ui.secondary}`}>Insights fill in as requests are submitted and worked on. Submit the first one.</p>
          <StaticLinkButton href="/requests/new" prefetchOnIntent variant="contained">
            Submit a request
          </StaticLinkButton>
        </div>
      )}

      <HeadlineFigures
        figures={[
          { value: open, name: "open", href: links.open(), hint: "Open requests: every status before Completed" },
          { value: stale, name: "stale", href: links.stale(user.role), hint: "Open requests longer in their status than its threshold" },
          { value: data.unassigned, name: "unassigned", href: links.unassigned(user.role), hint: "Open requests nobody is assigned to" },
          { value: data.backlogByPriority.URGENT, name: "urgent", href: links.priority("URGENT"), hint: "Open requests of urgent priority" },
        ]}
      />

      <div className={styles.charts}>
        <div className={styles.chartCell}>
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
        </div>
        <div className={styles.chartCell}>
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
        </div>
        <div className={styles.chartCell}>
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
        </div>
        <div className={styles.chartCell}>
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
        </div>
        <div className={styles.chartCell}>
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
        </div>
      </div>
    </div>
  );
}
