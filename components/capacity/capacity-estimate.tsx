// The capacity estimate of lib/domain/capacity, as a panel: storage footprint, shards,
// read and write capacity, and warnings where the request leaves the service's limits.
// Static CSS (capacity-estimate.module.css), no client code of its own: the request and
// dataset pages render it on the server, the form in the browser as the fields change.
import type { ReactNode } from "react";
import { StaticAlert } from "@/components/layout/static-alert";
import ui from "@/components/layout/static-page.module.css";
import styles from "./capacity-estimate.module.css";
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
  const Heading = headingComponent;
  return (
    <section aria-labelledby={titleId} className={styles.panel}>
      <Heading id={titleId} className={headingComponent === "h2" ? styles.h2 : styles.h3}>
        Capacity estimate
      </Heading>
      <dl className={headingComponent === "h3" ? `${styles.figures} ${styles.wide}` : styles.figures}>
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
      </dl>
      {e.missing.length > 0 && <p className={`${styles.secondary} ${styles.missing}`}>Fill in {describeMissing(e.missing)} to complete the estimate.</p>}
      {/* Announced when a warning appears or changes, not on every keystroke. */}
      <div className={e.warnings.length ? `${styles.warnings} ${styles.withWarnings}` : styles.warnings} aria-live="polite">
        {e.warnings.map((w) => (
          <StaticAlert key={w.field} role="alert" severity="warning" variant="outlined" className={styles.warning}>
            {linkToFields && w.field !== "shards" ? <WarningLink field={w.field}>{w.message}</WarningLink> : w.message}
          </StaticAlert>
        ))}
      </div>
    </section>
  );
}

function WarningLink({ field, children }: { field: string; children: ReactNode }) {
  return (
    <a href={`#field-${field}`} className={ui.inheritLink}>
      {children}
    </a>
  );
}

function Figure({ label, value, detail }: { label: string; value: string; detail?: string }) {
  return (
    <div>
      <dt className={styles.secondary}>{label}</dt>
      <dd className={styles.figure}>
        <span className={styles.value}>{value}</span>
        {detail && <span className={`${styles.secondary} ${styles.detail}`}>{detail}</span>}
      </dd>
    </div>
  );
}
