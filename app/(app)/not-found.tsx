import Typography from "@mui/material/Typography";
import { StaticLinkButton } from "@/components/layout/static-button";
import styles from "./not-found.module.css";

// Every signed-in page's HTML references this boundary, so its code loads with each of
// them: static CSS for the frame and the button (no Stack, no Button and ButtonBase).
export default function NotFound() {
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
