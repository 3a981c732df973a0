// One insights chart with its text alternatives: a one-sentence summary (the figure's
// caption) and the numbers as a table behind a disclosure. The chart itself is MUI X
// Charts' keyboard-navigable picture (Tab into it, arrows move between values, which
// are announced); the ring shows while focus is inside it. Rendered on the server in
// static CSS (insights.module.css): only the chart hydrates.
import type { ReactNode } from "react";
import { QueueCountLink, type CountLink } from "@/components/insights/queue-count-link";
import ui from "@/components/layout/static-page.module.css";
import styles from "@/components/insights/insights.module.css";

type Cell = string | number | CountLink;

type Props = {
  id: string;
  title: string;
  summary: string;
  chart: ReactNode;
  table: { columns: string[]; rows: Cell[][] };
};

const formatCell = (cell: Cell) => (typeof cell === "number" ? cell.toLocaleString("en-US") : typeof cell === "string" ? cell : <QueueCountLink {...cell} />);

export function ChartCard({ id, title, summary, chart, table }: Props) {
  return (
    <section aria-labelledby={`${id}-title`} className={`${ui.card} ${ui.section} ${styles.card}`}>
      <h2 id={`${id}-title`} className={ui.h2}>
        {title}
      </h2>
      <figure className={styles.figureBox}>
        <figcaption className={`${ui.body1} ${ui.secondary} ${styles.caption}`}>{summary}</figcaption>
        <div data-focus-ring className={styles.chartBox}>
          {chart}
        </div>
      </figure>
      <details className={styles.numbers}>
        <summary>Show the numbers</summary>
        <div className={styles.tableScroll}>
          <table className={ui.table} aria-label={title}>
            <thead>
              <tr>
                {table.columns.map((c, i) => (
                  <th key={c} scope="col" className={`${ui.cell} ${ui.headCell} ${i === 0 ? "" : ui.alignRight}`}>
                    {c}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {table.rows.map((row) => (
                <tr key={String(row[0])}>
                  {row.map((cell, i) =>
                    i === 0 ? (
                      <th key={i} scope="row" className={ui.cell}>
                        {formatCell(cell)}
                      </th>
                    ) : (
                      <td key={i} className={`${ui.cell} ${ui.alignRight}`}>
                        {formatCell(cell)}
                      </td>
                    ),
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </section>
  );
}
