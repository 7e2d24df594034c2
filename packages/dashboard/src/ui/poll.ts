// "Live enough": a view re-reads the API every couple of seconds while the page is visible (and at once when it
// becomes visible again), so a webhook's effect shows without a manual reload.
import { useEffect, useRef } from 'preact/hooks';
import { asBackground } from '../api';

export const POLL_INTERVAL_MS = 2000;

export function usePolling(read: () => Promise<void>, deps: unknown[], intervalMs = POLL_INTERVAL_MS): void {
  const latest = useRef(read);
  latest.current = read;
  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const tick = async () => {
      if (stopped) return;
      if (document.visibilityState === 'visible') {
        try {
          await asBackground(latest.current);
        } catch {
          // the view shows its own error; the next tick tries again
        }
      }
      if (!stopped) timer = setTimeout(tick, intervalMs);
    };
    const onVisible = () => {
      if (document.visibilityState !== 'visible') return;
      clearTimeout(timer);
      void tick();
    };
    void tick();
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      stopped = true;
      clearTimeout(timer);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, deps);
}
