import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase, type TestDatabase } from '@kessai/adapters-postgres/testing';
import { KESSAI_CLI } from '../../cluster/kessai-process';
import { startApiProcess } from '../../testing/api-process';
import { eventually } from '../../testing/eventually';
import { freePort } from '../../testing/free-port';

const cli = KESSAI_CLI;

/** The three roles a deployment runs, each alone: `migrate` once, then any number of `serve` and `worker`. */
describe('kessai migrate, serve and worker', () => {
  let db: TestDatabase;
  let env: Record<string, string>;
  beforeAll(async () => {
    db = await createTestDatabase({ migrated: false });
    env = {
      STORAGE: 'postgres',
      DATABASE_URL: db.connectionString,
      KESSAI_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
      DATA_DIR: '/nonexistent-kessai',
      LOG_LEVEL: 'warn',
    };
  }, 60_000);
  afterAll(() => db.drop());

  function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    return new Promise((resolve) => {
      execFile(process.execPath, [cli, ...args], { env: { ...process.env, ...env } }, (error, stdout, stderr) =>
        resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
      );
    });
  }

  it.each([['serve'], ['worker']])(
    '%s refuses, in one line, a database whose schema is behind the code',
    async (role) => {
      const result = await run([role]);
      expect(result.code).toBe(1);
      expect(result.stderr.trim().split('\n')).toEqual([
        expect.stringMatching(
          /^kessai: the database schema is behind this code \(not applied: 001-initial, .*\): run `kessai migrate` first$/,
        ),
      ]);
    },
  );

  it('migrate brings the schema up to date, and a second run finds it current', async () => {
    expect(await run(['migrate'])).toMatchObject({ code: 0, stdout: 'migrations are current\n' });
    expect(await run(['migrate'])).toMatchObject({ code: 0 });
  });

  it('serve answers the API without a job worker; worker runs jobs without HTTP and leaves cleanly on SIGTERM', async () => {
    const logFile = join(await mkdtemp(join(tmpdir(), 'kessai-roles-')), 'roles.log');
    const port = await freePort();
    const api = await startApiProcess({ ...env, PORT: String(port), RUN_WORKER: '' }, logFile);
    try {
      expect((await fetch(`${api.url}/readyz`)).status).toBe(200);
      const heartbeats = () => db.knex('job_worker_heartbeats').count<Array<{ count: string }>>('* as count');
      expect(Number((await heartbeats())[0]?.count)).toBe(0);

      const worker = execFile(process.execPath, [cli, 'worker'], { env: { ...process.env, ...env } });
      await eventually(heartbeats, (rows) => Number(rows[0]?.count) > 0, 20_000);
      const exited = new Promise<number | null>((resolve) => worker.once('exit', resolve));
      worker.kill('SIGTERM');
      expect(await exited).toBe(0);
      expect(Number((await heartbeats())[0]?.count)).toBe(0);
    } finally {
      await api.kill();
    }
  }, 60_000);
});
