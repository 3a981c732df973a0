"use client";
// Watch / Unwatch on the request page: a watcher's inbox hears of every change.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { StaticButton } from "@/components/layout/static-button";
import { setWatching, watchKey, watchOptions } from "@/lib/queries/watching";
import { useToast } from "@/components/feedback/toast-provider";
import { ApiClientError } from "@/lib/queries/api-client";

export function WatchButton({ number }: { number: string }) {
  const queryClient = useQueryClient();
  const notify = useToast();
  const { data } = useQuery(watchOptions(number));
  const change = useMutation({
    mutationFn: (watching: boolean) => setWatching(number, watching),
    onSuccess: (state) => {
      queryClient.setQueryData(watchKey(number), state);
      notify(state.watching ? `You watch ${number}: changes reach your inbox.` : `You no longer watch ${number}.`);
    },
    onError: (error) => notify(error instanceof ApiClientError ? error.message : "Could not change watching.", { severity: "error" }),
  });
  if (!data) return null;
  return (
    <StaticButton
      size="small"
      variant={data.watching ? "outlined" : "contained"}
      disabled={change.isPending}
      aria-pressed={data.watching}
      onClick={() => change.mutate(!data.watching)}
    >
      {data.watching ? "Unwatch" : "Watch"}
    </StaticButton>
  );
}
