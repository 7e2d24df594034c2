/** Something that runs in the background of a process: it starts with the process and stops before it exits. */
export interface Lifecycle {
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** For what is ready once made (a connection pool, a server) and only needs stopping. */
export function stopOnly(stop: () => Promise<void>): Lifecycle {
  return { start: async () => undefined, stop };
}

/**
 * Starts the parts in list order (each may use the ones before it). When one fails to start, the ones already
 * started are stopped again, in reverse, and the start failure is thrown.
 */
export async function startAll(parts: readonly Lifecycle[]): Promise<void> {
  const started: Lifecycle[] = [];
  for (const part of parts) {
    try {
      await part.start();
    } catch (error) {
      await stopAll(started).catch(() => undefined);
      throw error;
    }
    started.push(part);
  }
}

/**
 * Stops the parts in reverse list order, so that each stops while what it uses still runs. A part that fails to
 * stop does not keep the others running: all are stopped, then the failure (or every failure) is thrown.
 */
export async function stopAll(parts: readonly Lifecycle[]): Promise<void> {
  const failures: unknown[] = [];
  for (const part of [...parts].reverse()) {
    try {
      await part.stop();
    } catch (error) {
      failures.push(error);
    }
  }
  if (failures.length === 1) throw failures[0];
  if (failures.length > 1) throw new AggregateError(failures, `${failures.length} parts failed to stop`);
}
