"use client";
// One theme, light and dark, switched by a class on <html> (system default).
import { createTheme } from "@mui/material/styles";

/** The focus ring: the primary colour of the scheme in use, light or dark. */
const FOCUS = "var(--mui-palette-primary-main)";

export const theme = createTheme({
  cssVariables: { colorSchemeSelector: "class" },
  colorSchemes: {
    light: {
      palette: {
        primary: { main: "#1f5fbf" },
        secondary: { main: "#6b4fbb" },
        // Darker than MUI's defaults so coloured text (outlined status chips, "stale")
        // keeps 4.5:1 contrast on white, on the page background and on selected rows.
        info: { main: "#01579b" },
        warning: { main: "#9a4b00" },
        success: { main: "#1b5e20" },
        error: { main: "#c62828" },
        background: { default: "#f6f7f9", paper: "#ffffff" },
      },
    },
    dark: {
      palette: {
        primary: { main: "#8ab4f8" },
        secondary: { main: "#c3a6ff" },
        // Lighter than MUI's defaults so coloured chip text keeps 4.5:1 on selected rows.
        info: { main: "#4fc3f7" },
        warning: { main: "#ffb74d" },
        success: { main: "#81c784" },
        error: { main: "#ff8a80" },
        background: { default: "#111418", paper: "#1a1e24" },
      },
    },
  },
  typography: {
    fontFamily: "Roboto, system-ui, -apple-system, 'Segoe UI', sans-serif",
    h1: { fontSize: "1.75rem", fontWeight: 500 },
    h2: { fontSize: "1.25rem", fontWeight: 500 },
    h3: { fontSize: "1.05rem", fontWeight: 500 },
  },
  shape: { borderRadius: 8 },
  components: {
    // One visible focus ring for everything reached by keyboard (WCAG 2.4.7): links,
    // rows and disclosures get an outline; MUI's ButtonBase (buttons, checkboxes,
    // switches, sort labels, menu items) gets it on .Mui-focusVisible. Text fields keep
    // their own focused border.
    MuiCssBaseline: {
      styleOverrides: {
        "a:focus-visible, summary:focus-visible, [tabindex]:not(input):not(textarea):focus-visible": {
          outline: `2px solid ${FOCUS}`,
          outlineOffset: 2,
          borderRadius: 2,
        },
        // Table rows (the queue's roving focus) draw it inside, where nothing clips it.
        "tr[tabindex]:focus-visible": { outlineOffset: -2 },
        // Loading placeholders (components/layout/placeholder.tsx).
        "@keyframes kv-pulse": { "0%, 100%": { opacity: 1 }, "50%": { opacity: 0.4 } },
        "@media (prefers-reduced-motion: reduce)": { "*": { animationDuration: "0.01ms !important", animationIterationCount: "1 !important" } },
      },
    },
    MuiButtonBase: {
      styleOverrides: { root: { "&.Mui-focusVisible": { outline: `2px solid ${FOCUS}`, outlineOffset: 2 } } },
    },
    MuiMenuItem: { styleOverrides: { root: { "&.Mui-focusVisible": { outlineOffset: -2 } } } },
    MuiButton: { defaultProps: { disableElevation: true }, styleOverrides: { root: { textTransform: "none" } } },
    // Unselected toggles in text.secondary (MUI's action.active is below 4.5:1 on the page).
    MuiToggleButton: { styleOverrides: { root: { textTransform: "none", color: "var(--mui-palette-text-secondary)" } } },
    MuiTextField: { defaultProps: { size: "small", fullWidth: true } },
    MuiPaper: { defaultProps: { variant: "outlined" } },
    MuiTableCell: { styleOverrides: { head: { fontWeight: 600, whiteSpace: "nowrap" } } },
  },
});
