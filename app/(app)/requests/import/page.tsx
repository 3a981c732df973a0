import type { Metadata } from "next";
import Stack from "@mui/material/Stack";
import Typography from "@mui/material/Typography";
import { requireUser } from "@/lib/auth/current-user";
import { ImportRequests } from "@/components/requests/import-requests";

export const metadata: Metadata = { title: "Import requests" };

export default async function ImportRequestsPage() {
  await requireUser();
  return (
    <Stack spacing={2} sx={{ maxWidth: 1100, mx: "auto" }}>
      <div>
        <Typography variant="h1">Import requests</Typography>
        <Typography color="textSecondary">
          Submit many requests at once from a CSV or JSON file, typically migrations of legacy datasets. Every row is checked like the request form; you see a
          report before anything is stored.
        </Typography>
      </div>
      <ImportRequests />
    </Stack>
  );
}
