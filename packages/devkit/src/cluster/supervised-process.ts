import { type ChildProcess, spawn } from 'node:child_process';
import { openSync } from 'node:fs';

/** A long-running child of the cluster: its output in a log file, stopped by signal with a deadline. */
export interface SupervisedProcess {
  readonly child: ChildProcess;
  readonly pid: number;
  /** Resolves with the exit code (null when killed by a signal) once the process is gone. */
  readonly exited: Promise<number | null>;
  running(): boolean;
  /** Sends `signal`, and SIGKILL if it is still there after `graceMs`; resolves once it is gone. */
  stop(signal?: NodeJS.Signals, graceMs?: number): Promise<void>;
}

const alive = new Set<ChildProcess>();
let exitHookInstalled = false;

/** Last resort when this process exits without stopping its children (a shutdown deadline): none outlives it. */
function killLeftoversOnExit(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const child of alive) child.kill('SIGKILL');
  });
}

export function spawnSupervised(
  file: string,
  args: readonly string[],
  options: { logFile: string; env?: NodeJS.ProcessEnv; runAs?: { uid: number; gid: number } | null },
): SupervisedProcess {
  killLeftoversOnExit();
  const log = openSync(options.logFile, 'a', 0o644);
  // Its own process group: Ctrl-C in the terminal reaches only the cluster, which stops the parts in order.
  const child = spawn(file, args, {
    env: options.env ?? process.env,
    stdio: ['ignore', log, log],
    detached: true,
    ...(options.runAs ?? {}),
  });
  if (child.pid === undefined) throw new Error(`could not start ${file}`);
  alive.add(child);
  const exited = new Promise<number | null>((resolve) => {
    child.once('exit', (code) => {
      alive.delete(child);
      resolve(code);
    });
    child.once('error', () => {
      alive.delete(child);
      resolve(null);
    });
  });
  const running = () => child.exitCode === null && child.signalCode === null;
  return {
    child,
    pid: child.pid,
    exited,
    running,
    async stop(signal = 'SIGTERM', graceMs = 15_000) {
      if (!running()) return;
      child.kill(signal);
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Polls `check` until it is true, failing with `what` after `timeoutMs` or as soon as `process` exits. */
export async function waitFor(
  what: string,
  check: () => Promise<boolean>,
  options: { process?: SupervisedProcess; timeoutMs?: number; logFile?: string } = {},
): Promise<void> {
  const deadline = Date.now() + (options.timeoutMs ?? 30_000);
  const see = options.logFile ? `; see ${options.logFile}` : '';
  for (;;) {
    if (options.process && !options.process.running())
      throw new Error(
        `${what}: the process exited (${options.process.child.exitCode ?? options.process.child.signalCode})${see}`,
      );
    if (await check().catch(() => false)) return;
    if (Date.now() > deadline) throw new Error(`${what}: not within ${options.timeoutMs ?? 30_000} ms${see}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
