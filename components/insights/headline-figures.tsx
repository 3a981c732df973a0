// The backlog's headline numbers above the charts ("102 stale"), each a link to the
// queue view that lists exactly those requests. Server-rendered in static CSS.
import NextLink from "next/link";
import type { CountLink } from "@/components/insights/queue-count-link";
import styles from "@/components/insights/insights.module.css";

export function HeadlineFigures({ figures }: { figures: (CountLink & { hint: string })[] }) {
  return (
    <nav aria-label="Open work in the queue" className={styles.figures}>
      {figures.map((f) => (
        <NextLink key={f.name} href={f.href} title={f.hint} data-queue-count={f.value} className={styles.figure}>
          <span className={styles.figureValue}>{f.value.toLocaleString("en-US")}</span> <span className={styles.figureName}>{f.name}</span>
        </NextLink>
      ))}
    </nav>
  );
}
