"use client";
// The capacity estimate of lib/domain/capacity, as a panel: storage footprint, shards,
// read and write capacity, and warnings where the request leaves the service's limits.
import type { ReactNode } from "react";
import Alert from "@mui/material/Alert";
import Box from "@mui/material/Box";
import Link from "@mui/material/Link";
import Stack from "@mui/material/Stack";
import Typography from "@mui/material/Typography";
import { describeMissing, type CapacityEstimate as Estimate } from "@/lib/domain/capacity/estimate";
import { CAPACITY_MODEL } from "@/lib/domain/capacity/limits";
import { formatCount, formatStorage } from "@/lib/format/units";

const { replicationFactor, shardSizeGb } = CAPACITY_MODEL;
const DRIVEN_BY = { size: "for the data", reads: "for the reads", writes: "for the writes" } as const;

type Props = {
  estimate: Estimate;
  /** h3 inside the form's section; h2 as a section of the dataset page. */
  headingComponent?: "h2" | "h3";
  /** In the form, warnings link to the field they concern (ids are field-<name>). */
  linkToFields?: boolean;
};

export function CapacityEstimate({ estimate: e, headingComponent = "h3", linkToFields = false }: Props) {
  const titleId = `capacity-estimate-${headingComponent}`;
  const storageDetail =
    e.storage && e.regions !== null
      ? `${formatStorage(e.storage.perRegionGb / replicationFactor)} × ${replicationFactor} replicas × ${e.regions} ${e.regions === 1 ? "region" : "regions"}`
      : undefined;
  return (
    <Box component="section" aria-labelledby={titleId} sx={{ p: 2, borderRadius: 1, bgcolor: "action.hover" }}>
      <Typography variant={headingComponent} id={titleId} sx={{ mb: 1 }}>
        Capacity estimate
      </Typography>
      <Box
        component="dl"
        sx={{ m: 0, display: "grid", gap: 2, gridTemplateColumns: { xs: "1fr 1fr", lg: headingComponent === "h3" ? "repeat(4, 1fr)" : "1fr 1fr" } }}
      >
        <Figure label="Storage footprint" value={e.storage ? formatStorage(e.storage.totalGb) : "—"} detail={storageDetail} />
        <Figure
          label="Shards per region"
          value={e.shards ? formatCount(e.shards.count) : "—"}
          detail={e.shards ? `${shardSizeGb} GB each; sized ${DRIVEN_BY[e.shards.drivenBy]}` : `${shardSizeGb} GB each`}
        />
        <Figure
          label="Read capacity"
          value={e.reads ? `${formatCount(e.reads.perRegionQps)} reads/s` : "—"}
          detail={e.reads?.providedQps != null ? `per region; the shards serve up to ${formatCount(e.reads.providedQps)}` : "per region"}
        />
        <Figure
          label="Write capacity"
          value={e.writes ? `${formatCount(e.writes.perRegionQps)} writes/s` : "—"}
          detail={e.writes ? `per region; ${formatCount(e.writes.replicaWritesPerRegion)} replica writes/s` : "per region"}
        />
      </Box>
      {e.missing.length > 0 && (
        <Typography variant="body2" color="textSecondary" sx={{ mt: 1.5 }}>
          Fill in {describeMissing(e.missing)} to complete the estimate.
        </Typography>
      )}
      {/* Announced when a warning appears or changes, not on every keystroke. */}
      <Stack spacing={1} sx={{ mt: e.warnings.length ? 1.5 : 0 }} aria-live="polite">
        {e.warnings.map((w) => (
          <Alert key={w.field} severity="warning" variant="outlined" sx={{ bgcolor: "background.paper" }}>
            {linkToFields && w.field !== "shards" ? <WarningLink field={w.field}>{w.message}</WarningLink> : w.message}
          </Alert>
        ))}
      </Stack>
    </Box>
  );
}

function WarningLink({ field, children }: { field: string; children: ReactNode }) {
  return (
    <Link href={`#field-${field}`} color="inherit">
      {children}
    </Link>
  );
}

function Figure({ label, value, detail }: { label: string; value: string; detail?: string }) {
  return (
    <Box>
      <Typography component="dt" variant="body2" color="textSecondary">
        {label}
      </Typography>
      <Box component="dd" sx={{ m: 0 }}>
        <Typography component="span" sx={{ fontSize: "1.25rem", fontWeight: 500, display: "block" }}>
          {value}
        </Typography>
        {detail && (
          <Typography component="span" variant="body2" color="textSecondary" sx={{ display: "block" }}>
            {detail}
          </Typography>
        )}
      </Box>
    </Box>
  );
}
