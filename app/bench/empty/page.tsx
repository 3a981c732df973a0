import type { Metadata } from "next";
import { requireBenchEmptyPages } from "@/lib/bench/empty-pages";
import { EmptyContent } from "@/components/bench/empty-content";

export const metadata: Metadata = { title: "Empty page" };

// The root layout alone (theme, CssBaseline, providers): the floor of every page.
export default async function BenchEmptyPage() {
  await requireBenchEmptyPages();
  return (
    <main>
      <EmptyContent />
    </main>
  );
}
