// sx values the settings tables share.

/** A table cell that phones leave out. */
export const hideOnPhones = { display: { xs: "none", sm: "table-cell" } } as const;

// In sx, numbers ≤ 1 are fractions (width: 1 is 100%): the sizes are written in px.
/** Read by screen readers, not shown (e.g. the header of a column of buttons). */
export const visuallyHidden = {
  border: 0,
  clip: "rect(0 0 0 0)",
  height: "1px",
  margin: "-1px",
  overflow: "hidden",
  padding: 0,
  position: "absolute",
  whiteSpace: "nowrap",
  width: "1px",
} as const;
