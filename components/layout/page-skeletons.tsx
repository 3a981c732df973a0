// Placeholders in the shape of each page while its server part loads (loading.tsx), so
// navigation answers at once. Announced as busy to assistive technology. The request and
// dataset pages have none on purpose: their lookup must finish before the first byte, so
// an unknown number or name answers HTTP 404 (a streamed skeleton would commit a 200).
import type { ReactNode } from "react";
import Box from "@mui/material/Box";
import Paper from "@mui/material/Paper";
import Stack from "@mui/material/Stack";
import { Placeholder } from "@/components/layout/placeholder";

function Busy({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Stack spacing={2.5} role="status" aria-busy="true" aria-label={label}>
      {children}
    </Stack>
  );
}

const columns = (lg: string, md = "1fr") => ({ display: "grid", gap: 2.5, gridTemplateColumns: { xs: "1fr", md, lg } });

export function FormSkeleton() {
  return (
    <Box sx={{ maxWidth: 1100, mx: "auto", width: "100%" }}>
      <Busy label="Loading the form">
        <Placeholder width="40%" height={36} rounded />
        {[2, 3, 4, 6, 4].map((fields, i) => (
          <Paper key={i} sx={{ p: 3 }}>
            <Placeholder width={180} height={24} />
            <Box sx={{ display: "grid", gap: 2, mt: 1, gridTemplateColumns: { xs: "1fr", sm: "1fr 1fr", md: "repeat(4, 1fr)" } }}>
              {Array.from({ length: fields }, (_, j) => (
                <Placeholder key={j} height={40} rounded />
              ))}
            </Box>
          </Paper>
        ))}
      </Busy>
    </Box>
  );
}

export function InsightsSkeleton() {
  return (
    <Busy label="Loading insights">
      <Placeholder width={160} height={36} rounded />
      <Box sx={columns("1fr 1fr")}>
        {Array.from({ length: 4 }, (_, i) => (
          <Placeholder key={i} height={400} rounded />
        ))}
      </Box>
    </Busy>
  );
}
