/**
 * A run that never overlaps itself in this process: asked while it runs, it runs once more when it ends (one
 * repeat however many asked meanwhile), and every caller's promise settles with a run that started after its
 * call. For work that drains a queue: two at once would only wait on each other's lock, each holding a pooled
 * connection while it waits.
 */
export function coalesced(run: () => Promise<void>): () => Promise<void> {
  let current: Promise<void> | undefined;
  let next: Promise<void> | undefined;
  const start = (): Promise<void> => {
    current = run().finally(() => {
      current = undefined;
    });
    return current;
  };
  return () => {
    if (!current) return start();
    next ??= current
      .catch(() => undefined)
      .then(() => {
        next = undefined;
        return start();
      });
    return next;
  };
}
