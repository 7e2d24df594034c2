import type { Config } from '../composition/config';

/**
 * SIGTERM / Ctrl-C stop gracefully: an API first drains (readiness off, still serving for DRAIN_SECONDS), then
 * everything stops in reverse start order (requests in flight and running jobs finish, SHUTDOWN_TIMEOUT_SECONDS at
 * most); a second signal exits at once. The handlers are in place before start-up begins: a signal during it stops
 * what was started once it is up.
 */
export async function keepRunning(
  starting: Promise<{ drain?(): void; stop(): Promise<void> }>,
  config: Pick<Config, 'DRAIN_SECONDS' | 'SHUTDOWN_TIMEOUT_SECONDS'> = {
    DRAIN_SECONDS: 0,
    SHUTDOWN_TIMEOUT_SECONDS: 10,
  },
): Promise<void> {
  let stoppingSince: number | null = null;
  const stop = () => {
    // Ctrl-C reaches this process both from the terminal and from `pnpm start`'s wrapper: one stop for both.
    if (stoppingSince !== null) {
      if (Date.now() - stoppingSince > 2000) process.exit(1);
      return;
    }
    stoppingSince = Date.now();
    const limit = config.DRAIN_SECONDS + config.SHUTDOWN_TIMEOUT_SECONDS + 5;
    setTimeout(() => {
      process.stderr.write(`shutdown did not finish within ${limit} s; exiting\n`);
      process.exit(1);
    }, limit * 1000).unref();
    starting
      .then(async (running) => {
        if (running.drain && config.DRAIN_SECONDS > 0) {
          process.stderr.write(`\ndraining for ${config.DRAIN_SECONDS} s (readiness off, still serving)…\n`);
          running.drain();
          await new Promise((resolve) => setTimeout(resolve, config.DRAIN_SECONDS * 1000));
        }
        process.stderr.write('\nstopping…\n');
        await running.stop();
      })
      .then(
        () => process.exit(0),
        (error: unknown) => {
          process.stderr.write(`stopped, with an error: ${error instanceof Error ? error.message : String(error)}\n`);
          process.exit(1);
        },
      );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  process.on('SIGHUP', stop);
  await starting;
}
