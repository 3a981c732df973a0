"use client";
import { useState, type ReactNode } from "react";
import { QueryClientProvider } from "@tanstack/react-query";
import { makeQueryClient } from "@/lib/queries/query-client";
import { ToastProvider } from "@/components/feedback/toast-provider";

export function Providers({ children }: { children: ReactNode }) {
  // One client per browser tab; the server builds a fresh one per request.
  const [queryClient] = useState(makeQueryClient);
  return (
    <QueryClientProvider client={queryClient}>
      <ToastProvider>{children}</ToastProvider>
    </QueryClientProvider>
  );
}
