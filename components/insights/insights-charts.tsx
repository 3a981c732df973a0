"use client";
// The four insights charts (MUI X Charts). Loaded only by /insights, lazily
// (lazy-charts.tsx), so no other page ships chart code. Each chart is a picture of
// numbers that its card also gives as text and as a table (chart-card.tsx).
import { BarChart } from "@mui/x-charts/BarChart";
import { LineChart } from "@mui/x-charts/LineChart";
import { LABELS, PRIORITIES, REQUEST_TYPES } from "@/lib/domain/requests/options";
import { monthLabel } from "@/lib/domain/insights/months";
import type { Insights } from "@/lib/schemas/insights";

const HEIGHT = 300;
/** Mid-tone colours that read on both the light and the dark background. */
const COLORS = { blue: "#4e79a7", orange: "#f28e2b", teal: "#59a89c", red: "#e15759", grey: "#8c8c8c", purple: "#b07aa1" };
const TYPE_COLORS = { NEW: COLORS.blue, MIGRATION: COLORS.orange, CHANGE: COLORS.teal, DECOMMISSION: COLORS.grey } as const;

export function RequestsOverTimeChart({ data }: { data: Insights["requestsByMonth"] }) {
  return (
    <BarChart
      height={HEIGHT}
      xAxis={[{ scaleType: "band", data: data.map((m) => monthLabel(m.month)) }]}
      yAxis={[{ width: 48 }]}
      series={REQUEST_TYPES.map((t) => ({
        label: LABELS.requestType[t],
        data: data.map((m) => m.counts[t]),
        stack: "total",
        color: TYPE_COLORS[t],
      }))}
      grid={{ horizontal: true }}
    />
  );
}

export function BacklogChart({ data }: { data: Insights["backlog"] }) {
  return (
    <BarChart
      height={HEIGHT}
      layout="horizontal"
      yAxis={[{ scaleType: "band", data: data.map((b) => LABELS.status[b.status]), width: 96 }]}
      series={[
        { label: "Within target", data: data.map((b) => b.count - b.stale), stack: "open", color: COLORS.blue },
        { label: "Stale", data: data.map((b) => b.stale), stack: "open", color: COLORS.red },
      ]}
      grid={{ vertical: true }}
    />
  );
}

export function PriorityChart({ data }: { data: Insights["backlogByPriority"] }) {
  return (
    <BarChart
      height={HEIGHT}
      xAxis={[{ scaleType: "band", data: PRIORITIES.map((p) => LABELS.priority[p]) }]}
      yAxis={[{ width: 48 }]}
      series={[{ label: "Open requests", data: PRIORITIES.map((p) => data[p]), color: COLORS.purple }]}
      hideLegend
      grid={{ horizontal: true }}
    />
  );
}

export function CompletionTimeChart({ data }: { data: Insights["completionByMonth"] }) {
  return (
    <LineChart
      height={HEIGHT}
      xAxis={[{ scaleType: "point", data: data.map((m) => monthLabel(m.month)) }]}
      yAxis={[{ width: 48, min: 0 }]}
      series={[
        {
          label: "Median days to complete",
          data: data.map((m) => m.medianDays),
          color: COLORS.blue,
          connectNulls: true,
          curve: "linear",
          showMark: true,
          valueFormatter: (v) => (v === null ? "none completed" : `${v} days`),
        },
      ]}
      hideLegend
      grid={{ horizontal: true }}
    />
  );
}

export function TopTeamsChart({ data }: { data: Insights["topTeams"] }) {
  return (
    <BarChart
      height={HEIGHT}
      layout="horizontal"
      yAxis={[{ scaleType: "band", data: data.map((t) => t.team), width: 110 }]}
      series={[
        { label: "Closed", data: data.map((t) => t.total - t.open), stack: "team", color: COLORS.grey },
        { label: "Open", data: data.map((t) => t.open), stack: "team", color: COLORS.orange },
      ]}
      grid={{ vertical: true }}
    />
  );
}
