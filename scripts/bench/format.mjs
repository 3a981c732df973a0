// Number formats of the bench's tables (report.mjs and each group's renderer): "–" for a
// figure that was not measured.
export const f0 = (x) => (Number.isFinite(x) ? x.toFixed(0) : "–");
export const f1 = (x) => (Number.isFinite(x) ? x.toFixed(1) : "–");
export const pct = (x) => (Number.isFinite(x) ? `${(x * 100).toFixed(0)} %` : "–");
/** A count with thousands separators: 1,000,000. */
export const n = (x) => x.toLocaleString("en-US");
