import Stack from "@mui/material/Stack";
import Typography from "@mui/material/Typography";
import { LinkButton } from "@/components/layout/link-button";

export default function NotFound() {
  return (
    <Stack spacing={2} sx={{ py: 8, alignItems: "center", textAlign: "center" }}>
      <Typography variant="h1">Not found</Typography>
      <Typography color="textSecondary">No request or dataset answers to that address.</Typography>
      <LinkButton href="/requests" variant="contained">
        Go to the requests
      </LinkButton>
    </Stack>
  );
}
