// The bench's empty pages (scripts/bench/pages.mjs): the floor a page load costs in the
// app's layouts, measured beside the real pages. Off unless the bench turns them on, so
// nobody lands on one as if it were part of the product.
import "server-only";
import { notFound } from "next/navigation";
import { env } from "@/lib/env";
import { requireUser } from "@/lib/auth/current-user";

/** A 404 unless BENCH_EMPTY_PAGES=1; then the signed-in check every page makes. */
export async function requireBenchEmptyPages(): Promise<void> {
  if (!env().BENCH_EMPTY_PAGES) notFound();
  await requireUser();
}
