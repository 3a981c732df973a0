"use client";
// The presets above the queue: links that set the URL's filters, each with its live
// count (one call: GET /api/requests/counts). Static CSS, like the rest of the first load.
import { IntentLink } from "@/components/layout/intent-link";
import { useQuery } from "@tanstack/react-query";
import type { Role } from "@/lib/auth/roles";
import { activePreset, PRESET_IDS, PRESETS } from "@/lib/domain/requests/presets";
import { presetCountsOptions } from "@/lib/queries/requests";
import { presetHref } from "@/lib/queries/queue-view";
import type { ListRequestsQuery, PresetCounts } from "@/lib/schemas/request";
import styles from "./queue-presets.module.css";

type Props = { view: ListRequestsQuery; role: Role; live: boolean; initialCounts: PresetCounts };

export function QueuePresets({ view, role, live, initialCounts }: Props) {
  const counts = useQuery({ ...presetCountsOptions({ live }), initialData: initialCounts });
  const active = activePreset(view, role);
  return (
    <nav aria-label="Presets" className={styles.presets}>
      {PRESET_IDS.map((id) => {
        const count = counts.data?.[id];
        const href = presetHref(view, id, role);
        return (
          <IntentLink
            key={id}
            href={href}
            scroll={false}
            aria-current={active === id ? "page" : undefined}
            title={PRESETS[id].description[role]}
            className={active === id ? `${styles.preset} ${styles.active}` : styles.preset}
            data-preset={id}
          >
            {PRESETS[id].label} <span className={styles.count}>{count === undefined ? "…" : count.toLocaleString("en-US")}</span>
          </IntentLink>
        );
      })}
    </nav>
  );
}
