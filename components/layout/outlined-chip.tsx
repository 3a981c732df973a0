// A label in an outlined pill: MUI's outlined Chip as it looks, for chips that only
// show text (no click, no delete). Static CSS: MUI's Chip cost the queue's first load
// its code plus ~3.5 KB of inline CSS per colour in the server-rendered page.
import styles from "./outlined-chip.module.css";

export type ChipColor = "default" | "primary" | "secondary" | "info" | "success" | "warning" | "error";

type Props = { label: string; color?: ChipColor; size?: "small" | "medium"; className?: string };

export function OutlinedChip({ label, color = "default", size = "medium", className }: Props) {
  const classes = [styles.chip, size === "small" && styles.small, color !== "default" && styles[color], className].filter(Boolean).join(" ");
  return (
    <span className={classes}>
      <span className={styles.label}>{label}</span>
    </span>
  );
}
