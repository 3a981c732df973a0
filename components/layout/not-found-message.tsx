import Typography from "@mui/material/Typography";
import { StaticLinkButton } from "@/components/layout/static-button";
import styles from "./not-found-message.module.css";

// The not-found message of both boundaries: a signed-in page that finds nothing
// (app/(app)/not-found.tsx) and an address no route answers (app/not-found.tsx).
// Static CSS for the frame and the button: every signed-in page's HTML references the
// boundary, so its code loads with each of them.
export function NotFoundMessage() {
  return (
    <div className={styles.notFound}>
      <Typography variant="h1">Not found</Typography>
      <Typography color="textSecondary">No request or dataset answers to that address.</Typography>
      <StaticLinkButton href="/requests" variant="contained">
        Go to the requests
      </StaticLinkButton>
    </div>
  );
}
