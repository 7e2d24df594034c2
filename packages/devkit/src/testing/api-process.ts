import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { migrateDatabase } from '@kessai/adapters-postgres';
import { KESSAI_CLI } from '../cluster/kessai-process';

/**
 * A Kessai API as a separate OS process (`kessai serve` from dist): for multi-process races and kill -9. Unless
 * `env` says otherwise it runs the job worker too and stops without a drain; its database is migrated first, as a
 * deployment runs `kessai migrate` before `serve`.
 */
export interface ApiProcess {
  url: string;
  child: ChildProcess;
  kill(signal?: NodeJS.Signals): Promise<void>;
}

export async function startApiProcess(env: Record<string, string>, logFile: string): Promise<ApiProcess> {
  if (env.STORAGE === 'postgres' && env.DATABASE_URL) await migrateDatabase(env.DATABASE_URL);
  // BENCH_SERVER_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" profiles it (the lifecycle benchmark's server).
  const nodeArgs = (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, KESSAI_CLI, 'serve'], {
    env: { ...process.env, RUN_WORKER: 'true', DRAIN_SECONDS: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const log = createWriteStream(logFile, { flags: 'a' });
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  const url = `http://127.0.0.1:${env.PORT}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`API process exited with ${child.exitCode}; see ${logFile}`);
    try {
      if ((await fetch(`${url}/readyz`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`API process did not become ready; see ${logFile}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    url,
    child,
    kill: (signal = 'SIGTERM') =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill(signal);
      }),
  };
}
