import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { processAlive } from '@kessai/adapters-postgres';
import { freePort } from '../testing/free-port';

const startScript = join(__dirname, '../../../../scripts/start.js');

/**
 * `pnpm start`'s wrapper (build, then `kessai dev`): it says each step as it goes, with no long silence; a kill of
 * the top process, or Ctrl-C (SIGINT to the whole foreground process group, as a terminal sends it), stops
 * everything quietly, exit 0, no process left behind.
 */
describe('`pnpm start`: what it says while it starts, and stopping it', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'kessai-start-'));
  });
  afterAll(() => rm(dataDir, { recursive: true, force: true }));

  interface Started {
    child: ChildProcess;
    stderr: () => string;
    /** When each stderr line came, from the start (ms), until the quickstart. */
    lineTimes: number[];
    exited: Promise<number | null>;
  }

  async function started(): Promise<Started> {
    const env = {
      ...process.env,
      PORT: String(await freePort()),
      SANDBOX_PORT: String(await freePort()),
      SHOP_PORT: '0',
      DATA_DIR: dataDir,
      DATABASE_URL: '',
      KESSAI_ENCRYPTION_KEY: '',
    };
    // Its own process group, like a shell job, so the test can signal the group as a terminal does.
    const child = spawn(process.execPath, [startScript], { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    let out = '';
    let err = '';
    const startedAt = Date.now();
    const lineTimes: number[] = [];
    let ready = false;
    child.stderr?.on('data', (c: Buffer) => {
      err += c.toString('utf8');
      if (!ready) for (const _ of c.toString('utf8').matchAll(/\n/g)) lineTimes.push(Date.now() - startedAt);
    });
    await new Promise<void>((resolve, reject) => {
      child.stdout?.on('data', (c: Buffer) => {
        out += c.toString('utf8');
        if (out.includes('Ctrl-C stops everything')) {
          ready = true;
          lineTimes.push(Date.now() - startedAt);
          resolve();
        }
      });
      void exited.then((code) => reject(new Error(`start exited with ${code}: ${err}`)));
    });
    return { child, stderr: () => err, lineTimes, exited };
  }

  async function leftovers(): Promise<number[]> {
    const pids: number[] = [];
    for (const file of ['pg/postmaster.pid', 'dev.lock']) {
      const text = await readFile(join(dataDir, file), 'utf8').catch(() => '');
      const pid = Number.parseInt(file === 'dev.lock' ? String(JSON.parse(text || '{}').pid) : text, 10);
      if (Number.isFinite(pid) && processAlive(pid)) pids.push(pid);
    }
    return pids;
  }

  it('says what it is doing while it builds and starts, never silent for more than a few seconds', async () => {
    const { child, stderr, lineTimes, exited } = await started();
    process.kill(child.pid as number, 'SIGTERM');
    await exited;
    const said = stderr();
    const order = [
      'Kessai: building the TypeScript packages (tsc -b): about a minute the first time, a few seconds afterwards…',
      '  built (',
      'Kessai: building the dashboard (vite)…',
      '  dashboard built (',
      'Kessai: starting the Smartpay sandbox, PostgreSQL (initialised on the first start) and the API…',
      '  Smartpay sandbox on ',
      '  API on ',
    ].map((line) => said.indexOf(line));
    expect(order.every((at) => at >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    const gaps = lineTimes.map((at, index) => at - (lineTimes[index - 1] ?? 0));
    // A "still …" line every 5 s at most; the margin is for a loaded machine.
    expect(Math.max(...gaps)).toBeLessThan(8000);
  }, 180_000);

  it.each([
    ['kill (SIGTERM) of the top process', (child: ChildProcess) => process.kill(child.pid as number, 'SIGTERM')],
    ['Ctrl-C (SIGINT to the process group)', (child: ChildProcess) => process.kill(-(child.pid as number), 'SIGINT')],
  ])(
    '%s',
    async (_name, signal) => {
      const { child, stderr, exited } = await started();
      const before = stderr();
      signal(child);
      expect(await exited).toBe(0);
      // Start-up lines written to stderr just before the banner on stdout can arrive after it (two pipes): what
      // stopping adds is the one line, with no error or stack anywhere after the banner.
      const after = stderr().slice(before.length);
      expect(after.slice(after.indexOf('stopping…')).trim()).toBe('stopping…');
      expect(after.split('\n').filter((line) => /error|^\s+at /i.test(line))).toEqual([]);
      expect(await leftovers()).toEqual([]);
    },
    120_000,
  );
});
