// The server runs every request on one event loop: work that runs for a second without
// returning to it (an export of 40,000 rows, validating 10,000 import rows) makes every
// other request, /api/health included, wait that second. Long work runs in slices
// instead and yields between them.

/** Lets timers, I/O and other requests run before the next slice of work. */
export const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/** How long one slice may run before it yields. */
const SLICE_MS = 4;

/**
 * A check to call between items of a long loop: resolves at once while the current slice
 * is under `sliceMs`, else yields to the event loop and starts a new slice.
 */
function slicer(sliceMs = SLICE_MS): () => Promise<void> | undefined {
  let started = performance.now();
  return () => {
    if (performance.now() - started < sliceMs) return undefined;
    return yieldToEventLoop().then(() => {
      started = performance.now();
    });
  };
}

/** `items.map(fn)` in slices, yielding between them. */
export async function mapInSlices<T, U>(items: readonly T[], fn: (item: T, index: number) => U, sliceMs = SLICE_MS): Promise<U[]> {
  const pause = slicer(sliceMs);
  const out: U[] = new Array(items.length);
  for (let i = 0; i < items.length; i++) {
    out[i] = fn(items[i]!, i);
    const wait = pause();
    if (wait) await wait;
  }
  return out;
}
