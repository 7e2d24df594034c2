import { dirname, join } from 'node:path';
import { type SupervisedProcess, spawnSupervised, waitFor } from './supervised-process';

/** The production CLI (`kessai`, packages/server/dist/cli.js), the same from src/ under jest as from dist/. */
export const KESSAI_CLI = join(dirname(require.resolve('@kessai/server/package.json')), 'dist', 'cli.js');

/** The development CLI (`kessai-dev`, packages/devkit/dist/cli.js): the local stack's commands and every production one. */
export const KESSAI_DEV_CLI = join(__dirname, '..', '..', 'dist', 'cli.js');

export type KessaiCommand = 'serve' | 'worker';

/**
 * One `kessai serve` or `kessai worker` OS process of the cluster, which can be stopped, killed and started again
 * with the same settings (an API on the same port).
 */
export class KessaiProcess {
  private current: SupervisedProcess | null = null;

  constructor(
    readonly name: string,
    readonly command: KessaiCommand,
    private readonly env: Record<string, string>,
    readonly logFile: string,
    /** The API's port; null for a worker. */
    readonly port: number | null,
    /** After every start, until the process is really serving (an API: until the balancer sends it requests). */
    private readonly inRotation: () => Promise<void> = async () => undefined,
  ) {}

  get url(): string | null {
    return this.port === null ? null : `http://127.0.0.1:${this.port}`;
  }

  get pid(): number | null {
    return this.current?.running() ? this.current.pid : null;
  }

  running(): boolean {
    return this.current?.running() ?? false;
  }

  /** Starts it; an API once its /readyz answers 200, a worker once it has stayed up for a second. */
  async start(): Promise<void> {
    if (this.running()) throw new Error(`${this.name} is already running (pid ${this.pid})`);
    const env = { ...process.env, ...this.env, ...(this.port === null ? {} : { PORT: String(this.port) }) };
    const started = spawnSupervised(process.execPath, [KESSAI_CLI, this.command], { logFile: this.logFile, env });
    this.current = started;
    const url = this.url;
    if (url !== null) {
      await waitFor(`${this.name} ready`, async () => (await fetch(`${url}/readyz`)).status === 200, {
        process: started,
        logFile: this.logFile,
      });
      return this.inRotation();
    }
    // A worker answers no request: starting means it did not refuse its settings or the schema.
    const settled = Date.now() + 1_000;
    await waitFor(`${this.name} started`, async () => Date.now() > settled, {
      process: started,
      logFile: this.logFile,
    });
  }

  /** Sends `signal` and waits until the process is gone (no deadline: SIGTERM waits for the whole drain). */
  async kill(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    const current = this.current;
    if (!current?.running()) return;
    current.child.kill(signal);
    await current.exited;
  }

  /** SIGTERM, SIGKILL if it has not finished within `graceMs`. */
  async stop(graceMs = 30_000): Promise<void> {
    await this.current?.stop('SIGTERM', graceMs);
  }

  /** A rolling restart's step: SIGTERM, wait until it is gone, start it again (on the same port). */
  async restart(): Promise<void> {
    await this.stop();
    await this.start();
  }
}
