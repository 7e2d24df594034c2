/**
 * Start-up progress that never goes quiet: after `everyMs` without a line it says it is still at the last step, so a
 * slow first start (PostgreSQL initialised, migrations) never looks stuck. `stop` ends it once start-up is done.
 */
export function withHeartbeat(
  progress: (line: string) => void,
  everyMs = 5000,
  now: () => number = Date.now,
): { progress: (line: string) => void; stop(): void } {
  const started = now();
  let lastLineAt = started;
  let lastStep = 'starting';
  const timer = setInterval(() => {
    if (now() - lastLineAt < everyMs) return;
    lastLineAt = now();
    progress(`… still starting, ${Math.round((lastLineAt - started) / 1000)} s in (last step: ${lastStep})`);
  }, 1000);
  timer.unref();
  return {
    progress: (line) => {
      lastLineAt = now();
      lastStep = line;
      progress(line);
    },
    stop: () => clearInterval(timer),
  };
}
