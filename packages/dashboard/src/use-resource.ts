// What a view reads from the API, kept live: "loading" only until the first answer, then the latest answer stays on
// screen while the next read runs (a poll or new inputs never flash "Loading…"), and only the newest answer to the
// current inputs is applied (a slow read for an old filter or a closed page cannot overwrite what is shown).
import { useEffect, useRef, useState } from 'preact/hooks';
import { usePolling } from './ui/poll';

export type Resource<T> =
  | { state: 'loading'; data: null; error: null }
  | { state: 'ready'; data: T; error: null }
  /** The last read failed; `data` is the last answer before it, if any, still worth showing. */
  | { state: 'failed'; data: T | null; error: Error };

/** The resource and a way to read it again now (after the person changed it), as the person's own request. */
export type LiveResource<T> = Resource<T> & { reload(): Promise<void> };

export interface ResourceOptions {
  /** How often it is read again while the page is visible (`usePolling`'s default when left out). */
  every?: number;
}

export function useResource<T>(
  load: () => Promise<T>,
  deps: unknown[],
  options: ResourceOptions = {},
): LiveResource<T> {
  const [resource, setResource] = useState<Resource<T>>({ state: 'loading', data: null, error: null });
  const latest = useRef(load);
  latest.current = load;
  // Bumped when the inputs change or the view goes away: reads begun before answer to nobody.
  const inputs = useRef(0);
  const started = useRef(0);
  const applied = useRef(0);

  const read = async (): Promise<void> => {
    const generation = inputs.current;
    const order = ++started.current;
    const answers = () => generation === inputs.current && order > applied.current;
    try {
      const data = await latest.current();
      if (!answers()) return;
      applied.current = order;
      setResource({ state: 'ready', data, error: null });
    } catch (thrown) {
      if (!answers()) return;
      applied.current = order;
      const error = thrown instanceof Error ? thrown : new Error(String(thrown));
      setResource((previous) => ({ state: 'failed', data: previous.data, error }));
    }
  };

  useEffect(
    () => () => {
      inputs.current++;
    },
    deps,
  );
  usePolling(read, deps, options.every);
  return { ...resource, reload: read };
}
