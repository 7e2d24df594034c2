import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { alive, readOwner, readPostmaster } from './cluster-owner';
import { startEmbeddedPostgres } from './embedded-postgres';

const dist = join(__dirname, '../../dist/embedded/embedded-postgres.js');

/** Another process that starts (owns) the cluster and keeps running, like a first `pnpm start`. */
async function ownerProcess(dataDir: string): Promise<{ child: ChildProcess; connectionString: string }> {
  const script = `require(${JSON.stringify(dist)}).startEmbeddedPostgres({ dataDir: ${JSON.stringify(dataDir)} })
    .then((s) => { console.log(s.connectionString); setInterval(() => {}, 1e6); }, (e) => { console.error(e); process.exit(1); });`;
  const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  const connectionString = await new Promise<string>((resolve, reject) => {
    child.stdout?.once('data', (chunk: Buffer) => resolve(chunk.toString('utf8').trim()));
    child.once('exit', (code) => reject(new Error(`owner exited with ${code}`)));
  });
  return { child, connectionString };
}

async function selectOne(connectionString: string): Promise<number> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    return (await client.query<{ one: number }>('SELECT 1 AS one')).rows[0]?.one ?? 0;
  } finally {
    await client.end();
  }
}

describe('embedded PostgreSQL never stops a server it did not start', () => {
  let parent: string;
  let dataDir: string;

  beforeAll(async () => {
    // A private (0700) parent, like a clone under root's home directory.
    parent = await mkdtemp(join(tmpdir(), 'kessai-private-'));
    dataDir = join(parent, 'checkout', '.data', 'pg');
  });
  afterAll(async () => {
    const running = await readPostmaster(dataDir);
    if (running && alive(running.pid)) process.kill(running.pid, 'SIGINT');
    await rm(parent, { recursive: true, force: true });
  });

  it('starts with its data exactly where asked, under a 0700 parent, and a second process only connects', async () => {
    expect((await stat(parent)).mode & 0o777).toBe(0o700);
    const first = await ownerProcess(dataDir);
    try {
      expect(await selectOne(first.connectionString)).toBe(1);
      expect((await stat(join(dataDir, 'PG_VERSION'))).isFile()).toBe(true);
      expect((await readOwner(dataDir))?.pid).toBe(first.child.pid);

      const second = await startEmbeddedPostgres({ dataDir });
      expect(second.owned).toBe(false);
      expect(second.connectionString).toBe(first.connectionString);
      await second.stop();
      // The first owner's server is untouched by the second's stop.
      expect(await selectOne(first.connectionString)).toBe(1);
    } finally {
      first.child.kill('SIGKILL');
      await new Promise((resolve) => first.child.once('exit', resolve));
    }
  }, 120_000);

  it('adopts the server of an owner that died (kill -9), and stops it when done', async () => {
    const orphan = await readPostmaster(dataDir);
    expect(orphan && alive(orphan.pid)).toBe(true);
    const adopted = await startEmbeddedPostgres({ dataDir });
    expect(adopted.owned).toBe(true);
    expect(adopted.port).toBe(orphan?.port);
    expect(await selectOne(adopted.connectionString)).toBe(1);
    await adopted.stop();
    expect(alive(orphan?.pid ?? 0)).toBe(false);
    expect(await readOwner(dataDir)).toBeNull();
  }, 60_000);

  it('restarts on the same data after a clean stop', async () => {
    const again = await startEmbeddedPostgres({ dataDir });
    try {
      expect(again.owned).toBe(true);
      expect(await selectOne(again.connectionString)).toBe(1);
    } finally {
      await again.stop();
    }
  }, 60_000);
});
