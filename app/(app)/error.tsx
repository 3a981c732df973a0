"use client";
// Any signed-in page that throws while rendering: the header stays, this replaces the
// page, and Retry fetches and renders it again.
import { ErrorState } from "@/components/layout/error-state";

export default function AppError({ error, retry }: { error: unknown; retry: () => void }) {
  return <ErrorState error={error} retry={retry} />;
}
