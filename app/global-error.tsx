"use client";
// When the root layout itself fails: a page of its own (no theme, no app chrome), in
// the system's colour scheme, with a way to try again.
export default function GlobalError({ retry }: { error: unknown; retry: () => void }) {
  return (
    <html lang="en">
      <body style={{ margin: 0, fontFamily: "system-ui, sans-serif", colorScheme: "light dark" }}>
        <title>Something went wrong · KVStore App</title>
        <main style={{ maxWidth: 560, margin: "15vh auto", padding: 24, textAlign: "center" }}>
          <h1 style={{ fontSize: "1.75rem", fontWeight: 500 }}>Something went wrong</h1>
          <p>KVStore App could not be loaded. Try again; if it keeps failing, tell the storage team.</p>
          <button type="button" onClick={() => retry()} style={{ font: "inherit", padding: "8px 20px", cursor: "pointer" }}>
            Retry
          </button>
        </main>
      </body>
    </html>
  );
}
