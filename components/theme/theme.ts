"use client";
// One theme, light and dark, switched by a class on <html> (system default).
import { createTheme } from "@mui/material/styles";

export const theme = createTheme({
  cssVariables: { colorSchemeSelector: "class" },
  colorSchemes: {
    light: {
      palette: {
        primary: { main: "#1f5fbf" },
        secondary: { main: "#6b4fbb" },
        background: { default: "#f6f7f9", paper: "#ffffff" },
      },
    },
    dark: {
      palette: {
        primary: { main: "#8ab4f8" },
        secondary: { main: "#c3a6ff" },
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
    MuiButton: { defaultProps: { disableElevation: true }, styleOverrides: { root: { textTransform: "none" } } },
    MuiToggleButton: { styleOverrides: { root: { textTransform: "none" } } },
    MuiTextField: { defaultProps: { size: "small", fullWidth: true } },
    MuiPaper: { defaultProps: { variant: "outlined" } },
    MuiTableCell: { styleOverrides: { head: { fontWeight: 600, whiteSpace: "nowrap" } } },
  },
});
