import { NotFoundMessage } from "@/components/layout/not-found-message";
import styles from "@/components/layout/app-header.module.css";

// An address no route answers (/nope): the app's message instead of Next's bare 404.
// Outside the signed-in layout, so without the header.
export default function NotFound() {
  return (
    <main className={styles.main}>
      <NotFoundMessage />
    </main>
  );
}
