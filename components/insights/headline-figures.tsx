"use client";
// The backlog's headline numbers above the charts ("102 stale"), each a link to the
// queue view that lists exactly those requests.
import NextLink from "next/link";
import Box from "@mui/material/Box";
import Typography from "@mui/material/Typography";
import type { CountLink } from "@/components/insights/queue-count-link";

export function HeadlineFigures({ figures }: { figures: (CountLink & { hint: string })[] }) {
  return (
    <Box
      component="nav"
      aria-label="Open work in the queue"
      sx={{ display: "grid", gridTemplateColumns: { xs: "repeat(2, 1fr)", md: "repeat(4, 1fr)" }, gap: 2 }}
    >
      {figures.map((f) => (
        <Box
          key={f.name}
          component={NextLink}
          href={f.href}
          title={f.hint}
          data-queue-count={f.value}
          sx={{
            display: "block",
            p: 2,
            borderRadius: 1,
            border: 1,
            borderColor: "divider",
            bgcolor: "background.paper",
            color: "text.primary",
            textDecoration: "none",
            "&:hover": { borderColor: "primary.main", bgcolor: "action.hover" },
            "&:focus-visible": { outline: "2px solid", outlineColor: "primary.main", outlineOffset: 2 },
          }}
        >
          <Typography component="span" sx={{ display: "block", fontSize: "1.75rem", fontWeight: 500, lineHeight: 1.2, fontVariantNumeric: "tabular-nums" }}>
            {f.value.toLocaleString("en-US")}
          </Typography>{" "}
          <Typography component="span" color="primary" sx={{ fontWeight: 500 }}>
            {f.name}
          </Typography>
        </Box>
      ))}
    </Box>
  );
}
