// Placeholders in the shape of each page while its server part loads (loading.tsx), so
// navigation answers at once. Announced as busy to assistive technology.
import type { ReactNode } from "react";
import Box from "@mui/material/Box";
import Grid from "@mui/material/Grid";
import Paper from "@mui/material/Paper";
import Skeleton from "@mui/material/Skeleton";
import Stack from "@mui/material/Stack";

function Busy({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Stack spacing={2.5} role="status" aria-busy="true" aria-label={label}>
      {children}
    </Stack>
  );
}

export function QueueSkeleton() {
  return (
    <Busy label="Loading requests">
      <Stack direction="row" sx={{ justifyContent: "space-between" }}>
        <Skeleton variant="text" width={180} height={44} />
        <Skeleton variant="rounded" width={130} height={36} />
      </Stack>
      <Skeleton variant="rounded" width={260} height={32} />
      <Skeleton variant="rounded" height={40} />
      <Paper sx={{ p: 2 }}>
        <Skeleton variant="text" height={28} />
        {Array.from({ length: 10 }, (_, i) => (
          <Skeleton key={i} variant="text" height={36} />
        ))}
      </Paper>
    </Busy>
  );
}

export function DetailSkeleton() {
  return (
    <Busy label="Loading the request">
      <Skeleton variant="text" width={140} />
      <Skeleton variant="text" width="60%" height={44} />
      <Skeleton variant="rounded" height={72} />
      <Grid container spacing={2.5}>
        <Grid size={{ xs: 12, lg: 8 }}>
          <Stack spacing={2}>
            {[5, 4, 4].map((rows, i) => (
              <Paper key={i} sx={{ p: 2.5 }}>
                <Skeleton variant="text" width={160} height={32} />
                {Array.from({ length: rows }, (_, j) => (
                  <Skeleton key={j} variant="text" />
                ))}
              </Paper>
            ))}
          </Stack>
        </Grid>
        <Grid size={{ xs: 12, lg: 4 }}>
          <Skeleton variant="rounded" height={320} />
        </Grid>
      </Grid>
    </Busy>
  );
}

export function FormSkeleton() {
  return (
    <Box sx={{ maxWidth: 1100, mx: "auto", width: "100%" }}>
      <Busy label="Loading the form">
        <Skeleton variant="text" width="40%" height={44} />
        {[2, 3, 4, 6, 4].map((fields, i) => (
          <Paper key={i} sx={{ p: 3 }}>
            <Skeleton variant="text" width={180} height={32} />
            <Grid container spacing={2}>
              {Array.from({ length: fields }, (_, j) => (
                <Grid key={j} size={{ xs: 12, sm: 6, md: 3 }}>
                  <Skeleton variant="rounded" height={40} />
                </Grid>
              ))}
            </Grid>
          </Paper>
        ))}
      </Busy>
    </Box>
  );
}

export function InsightsSkeleton() {
  return (
    <Busy label="Loading insights">
      <Skeleton variant="text" width={160} height={44} />
      <Grid container spacing={2.5}>
        {Array.from({ length: 4 }, (_, i) => (
          <Grid key={i} size={{ xs: 12, lg: 6 }}>
            <Skeleton variant="rounded" height={400} />
          </Grid>
        ))}
      </Grid>
    </Busy>
  );
}
