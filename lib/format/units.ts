// Numbers as people read them in capacity figures: "1.5 TB", "20,000", "2.4 M".

// Made once per precision: toLocaleString would build a new Intl formatter on every call.
const WHOLE = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });
const ONE_DECIMAL = new Intl.NumberFormat("en-US", { maximumFractionDigits: 1 });
const fmt = (n: number, digits: 0 | 1 = 1) => (digits === 0 ? WHOLE : ONE_DECIMAL).format(n);

/** Decimal storage units from gigabytes: 0.5 → "500 MB", 1500 → "1.5 TB". */
export function formatStorage(gb: number): string {
  if (!Number.isFinite(gb)) return "—";
  if (gb < 1) return `${fmt(gb * 1000, gb * 1000 < 10 ? 1 : 0)} MB`;
  if (gb < 1000) return `${fmt(gb)} GB`;
  if (gb < 1_000_000) return `${fmt(gb / 1000)} TB`;
  return `${fmt(gb / 1_000_000)} PB`;
}

/** A whole count with separators: 20000 → "20,000". */
export function formatCount(n: number): string {
  return Number.isFinite(n) ? fmt(Math.round(n), 0) : "—";
}

/** Bytes in decimal units: 1234 → "1.2 KB". */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes)) return "—";
  const units = ["B", "KB", "MB", "GB", "TB"];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return `${fmt(value, value < 10 && unit > 0 ? 1 : 0)} ${units[unit]}`;
}
