import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { processAlive } from '@kessai/adapters-postgres';
import { KESSAI_DEV_CLI } from '../cluster/kessai-process';
import { buyerClicks } from '../testing/buyer-clicks';
import { eventually } from '../testing/eventually';
import { freePort } from '../testing/free-port';
import { createTransactionBody } from '../testing/requests';

const cli = KESSAI_DEV_CLI;

interface Dev {
  child: ChildProcess;
  token: string;
  exited: Promise<number | null>;
  progress: () => string;
}

/**
 * The dev stack as a user runs it (`kessai dev`, what `pnpm start` runs), with its own embedded PostgreSQL and
 * durable sandbox under a temporary data directory; restarted, killed and run next to other commands.
 */
describe('the dev stack survives restarts, kill -9 and commands run next to it', () => {
  let dataDir: string;
  let env: Record<string, string>;
  let api: string;
  let dev: Dev | undefined;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'kessai-devstack-'));
    const port = await freePort();
    api = `http://127.0.0.1:${port}`;
    env = {
      PORT: String(port),
      SANDBOX_PORT: String(await freePort()),
      SHOP_PORT: '0',
      DATA_DIR: dataDir,
      DATABASE_URL: '',
      KESSAI_ENCRYPTION_KEY: '',
      LOG_LEVEL: 'warn',
    };
  });
  afterAll(async () => {
    if (dev) await stop(dev);
    const postmaster = await readPostmasterPid();
    if (postmaster && processAlive(postmaster)) process.kill(postmaster, 'SIGINT');
    await rm(dataDir, { recursive: true, force: true });
  });

  function run(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
    return new Promise((resolve) => {
      const child = spawn(process.execPath, [cli, ...args], { env: { ...process.env, ...env } });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (c: Buffer) => {
        stdout += c.toString('utf8');
      });
      child.stderr.on('data', (c: Buffer) => {
        stderr += c.toString('utf8');
      });
      child.once('exit', (code) => resolve({ code, stdout, stderr }));
    });
  }

  async function start(args: string[] = []): Promise<Dev> {
    const child = spawn(process.execPath, [cli, 'dev', ...args], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    let out = '';
    let err = '';
    child.stderr?.on('data', (c: Buffer) => {
      err += c.toString('utf8');
    });
    const token = await new Promise<string>((resolve, reject) => {
      child.stdout?.on('data', (c: Buffer) => {
        out += c.toString('utf8');
        const match = /export KESSAI_TOKEN=(\S+)/.exec(out);
        if (match?.[1]) resolve(match[1]);
      });
      void exited.then((code) => reject(new Error(`dev exited with ${code}: ${err}`)));
    });
    return { child, token, exited, progress: () => err };
  }

  async function stop(running: Dev, signal: NodeJS.Signals = 'SIGTERM'): Promise<number | null> {
    running.child.kill(signal);
    const code = await running.exited;
    dev = undefined;
    return code;
  }

  async function readPostmasterPid(): Promise<number | null> {
    try {
      return Number.parseInt((await readFile(join(dataDir, 'pg', 'postmaster.pid'), 'utf8')).split('\n')[0] ?? '', 10);
    } catch {
      return null;
    }
  }

  const ready = async () => ((await (await fetch(`${api}/readyz`)).json()) as { ready: boolean }).ready;

  async function call(method: string, path: string, token: string, body?: unknown) {
    const response = await fetch(`${api}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    // biome-ignore lint/suspicious/noExplicitAny: the test reads response fields directly
    return { status: response.status, json: (await response.json()) as any };
  }

  const newTransaction = async (token: string) => {
    const created = await call('POST', '/transactions', token, createTransactionBody());
    expect(created.status).toBe(201);
    return created.json as { id: string; payment_method: { approval_url: string } };
  };

  let beforeRestart: { id: string; payment_method: { approval_url: string } };

  it('a second start, keys create, migrate and reset next to a running stack leave it ready', async () => {
    dev = await start();
    expect(await ready()).toBe(true);
    // The first start says what it does, with timings, and where the data lives.
    const progress = dev.progress();
    expect(progress).toContain(`initialising PostgreSQL in ${join(dataDir, 'pg')}`);
    expect(progress).toMatch(
      new RegExp(`PostgreSQL ready on 127\\.0\\.0\\.1:\\d+, data in ${join(dataDir, 'pg')} \\(\\d+\\.\\d s\\)`),
    );
    expect(progress).toMatch(/migrations applied: \d+ \(\d+\.\d s\)/);
    expect(progress).toMatch(/Smartpay sandbox on http:\/\/127\.0\.0\.1:\d+, state in .*sandbox\.json/);

    const second = await run(['dev']);
    expect(second.code).toBe(1);
    expect(second.stderr.trim().split('\n')).toEqual([expect.stringMatching(/already running .*pid \d+/)]);
    expect(await ready()).toBe(true);

    const keys = await run(['keys', 'create', '--merchant', 'shop-1']);
    expect(keys.code).toBe(0);
    expect(keys.stdout).toMatch(/registered key \S+ for merchant account "shop-1"/);
    expect((await run(['migrate'])).code).toBe(0);
    const reset = await run(['reset']);
    expect(reset.code).toBe(1);
    expect(reset.stderr.trim().split('\n')).toEqual([expect.stringMatching(/stop it before resetting/)]);
    expect(await ready()).toBe(true);

    beforeRestart = await newTransaction(dev.token);
  }, 120_000);

  it('stops on SIGTERM leaving no process; after a restart an old approval URL works and its webhook arrives', async () => {
    const postmaster = await readPostmasterPid();
    expect(await stop(dev as Dev)).toBe(0);
    expect(postmaster !== null && processAlive(postmaster)).toBe(false);

    dev = await start();
    const { location } = await buyerClicks(beforeRestart.payment_method.approval_url, 'approve');
    // The buyer is sent through Kessai; not following it leaves the transaction to the webhook alone.
    expect(location).toContain(`/transactions/${beforeRestart.id}/return`);
    await eventually(
      () => call('GET', `/transactions/${beforeRestart.id}`, (dev as Dev).token),
      (r) => r.json.status === 'authorization_succeeded',
    );
  }, 120_000);

  it('a kill -9 loses no sandbox order; the next start (on another API port) adopts PostgreSQL and re-points the webhook', async () => {
    const pending = await newTransaction((dev as Dev).token);
    expect(await stop(dev as Dev, 'SIGKILL')).toBeNull();

    // The webhook endpoint registered at the sandbox names the old port: start-up must move it.
    const port = await freePort();
    env.PORT = String(port);
    api = `http://127.0.0.1:${port}`;
    dev = await start();
    expect(await ready()).toBe(true);
    expect((await fetch(pending.payment_method.approval_url)).status).toBe(200);
    await buyerClicks(pending.payment_method.approval_url, 'approve');
    await eventually(
      () => call('GET', `/transactions/${pending.id}`, (dev as Dev).token),
      (r) => r.json.status === 'authorization_succeeded',
    );
  }, 120_000);

  it('a key that does not fit the database stops start-up with one line naming the fixes', async () => {
    expect(await stop(dev as Dev)).toBe(0);
    const keyFile = join(dataDir, 'encryption-key');
    const key = await readFile(keyFile, 'utf8');
    await writeFile(keyFile, `${randomBytes(32).toString('base64')}\n`);
    const mismatch = await run(['dev']);
    await writeFile(keyFile, key);
    expect(mismatch.code).toBe(1);
    const lines = mismatch.stderr.trim().split('\n');
    expect(lines.at(-1)).toMatch(/^kessai: the dev database .* was encrypted with another key .*--reset/);
    expect(mismatch.stderr).not.toMatch(/^\s+at /m);
    dev = await start();
    expect(await ready()).toBe(true);
  }, 120_000);

  it('reset wipes the dev data whole once the stack is stopped; dev --reset starts empty', async () => {
    const token = (dev as Dev).token;
    expect(await stop(dev as Dev)).toBe(0);
    const reset = await run(['reset']);
    expect(reset.code).toBe(0);
    expect(readdirSync(dataDir)).toEqual([]);

    dev = await start();
    await newTransaction(dev.token);
    expect(await stop(dev)).toBe(0);
    dev = await start(['--reset']);
    expect((await call('GET', `/transactions/${beforeRestart.id}`, dev.token)).status).toBe(404);
    // The old token's key went with the data.
    expect((await call('GET', '/transactions', token)).status).toBe(401);
  }, 120_000);
});
