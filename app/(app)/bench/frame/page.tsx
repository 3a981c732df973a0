import type { Metadata } from "next";
import { requireBenchEmptyPages } from "@/lib/bench/empty-pages";
import { EmptyContent } from "@/components/bench/empty-content";

export const metadata: Metadata = { title: "Empty page" };

// The signed-in frame (header, live updates) around nothing: what every signed-in page
// pays before its own content.
export default async function BenchFramePage() {
  await requireBenchEmptyPages();
  return <EmptyContent />;
}
