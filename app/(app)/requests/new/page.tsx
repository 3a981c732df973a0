import type { Metadata } from "next";
import Stack from "@mui/material/Stack";
import Typography from "@mui/material/Typography";
import { requireUser } from "@/lib/auth/current-user";
import { NewRequest } from "@/components/requests/new-request";

export const metadata: Metadata = { title: "New request" };

export default async function NewRequestPage() {
  const user = await requireUser();
  return (
    <Stack spacing={2} sx={{ maxWidth: 1100, mx: "auto" }}>
      <div>
        <Typography variant="h1">New dataset request</Typography>
        <Typography color="textSecondary">Tell the storage team what to create or migrate. Everything here is checked before it is sent.</Typography>
      </div>
      <NewRequest user={user} />
    </Stack>
  );
}
