// Which open request pages must show a change. A request's page is rendered on the
// server (issue #20: no client tree to hydrate), so a change reaches it as a refresh of
// that page, not through the query cache: the page subscribes with its number, and the
// event stream (components/layout/live-updates.tsx) and the person's own mutations
// (lib/queries/request-mutations.ts) announce the changes they know of.
type Listener = () => void;

const listeners = new Map<string, Set<Listener>>();
const key = (number: string) => number.toUpperCase();

/** Calls `listener` whenever request `number` changes; returns the unsubscribe. */
export function subscribeToRequestChanges(number: string, listener: Listener): () => void {
  const set = listeners.get(key(number)) ?? new Set<Listener>();
  listeners.set(key(number), set.add(listener));
  return () => {
    set.delete(listener);
    if (set.size === 0) listeners.delete(key(number));
  };
}

/** Request `number` changed; with no number, any request may have (the stream lost events). */
export function announceRequestChanged(number?: string): void {
  const sets = number === undefined ? [...listeners.values()] : [listeners.get(key(number)) ?? new Set<Listener>()];
  for (const set of sets) for (const listener of [...set]) listener();
}
