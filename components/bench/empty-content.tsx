import Typography from "@mui/material/Typography";

/** One heading and a paragraph: what the empty pages hold (lib/bench/empty-pages.ts). */
export function EmptyContent() {
  return (
    <>
      <Typography variant="h1">Empty page</Typography>
      <Typography>The floor of a page load, for npm run bench.</Typography>
    </>
  );
}
