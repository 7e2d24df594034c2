import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase, type TestDatabase } from '@kessai/adapters-postgres/testing';
import { FakePaymentConnector } from '@kessai/domain/testing';
import { KESSAI_CLI } from '../../cluster/kessai-process';
import { startDev } from '../../dev/dev';
import { DashboardBrowser } from '../../testing/dashboard-browser';
import { freePort } from '../../testing/free-port';
import { type Kessai, startKessai } from '../../testing/start-kessai';

const cli = KESSAI_CLI;
jest.setTimeout(120_000);

function run(
  args: string[],
  env: Record<string, string>,
  stdin?: string,
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      [cli, ...args],
      { env: { ...process.env, ...env } },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
    if (stdin !== undefined) child.stdin?.end(stdin);
    else child.stdin?.end();
  });
}

/** `kessai users create|set-password` on a real database, then the API signs those users in. */
describe('kessai users (CLI)', () => {
  let db: TestDatabase;
  let dataDir: string;
  let api: Kessai;
  let env: Record<string, string>;

  beforeAll(async () => {
    db = await createTestDatabase();
    dataDir = await mkdtemp(join(tmpdir(), 'kessai-users-'));
    env = { DATABASE_URL: db.connectionString, DATA_DIR: dataDir, LOG_LEVEL: 'silent' };
    api = await startKessai({
      connector: new FakePaymentConnector(),
      env: { STORAGE: 'postgres', DATABASE_URL: db.connectionString },
    });
  }, 60_000);
  afterAll(async () => {
    await api?.close();
    await db?.drop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('creates an admin with a generated password, printed once, that signs in', async () => {
    const created = await run(['users', 'create', '--email', 'Owner@Shop.example.jp', '--role', 'admin'], env);
    expect(created).toMatchObject({ code: 0, stderr: '' });
    expect(created.stdout).toMatch(
      /^created dashboard user owner@shop\.example\.jp \(admin, merchant account "default", id [0-9a-f-]{36}\)\n/,
    );
    const password = /password: (\S+)\n$/.exec(created.stdout)?.[1] as string;
    expect(password).toMatch(/^[A-Za-z0-9]{21}$/);
    const signedIn = await DashboardBrowser.for(api).signIn('owner@shop.example.jp', password);
    expect(signedIn.status).toBe(200);
    expect(signedIn.body.user).toMatchObject({ role: 'admin', merchant_account_id: 'default' });
  });

  it('takes the password from stdin (never argv) and the merchant account from --merchant-account', async () => {
    const created = await run(
      [
        'users',
        'create',
        '--email',
        'clerk@shop.example.jp',
        '--role',
        'viewer',
        '--merchant-account',
        'tokyo-shop',
        '--password-stdin',
      ],
      env,
      'a passphrase typed once\n',
    );
    expect(created.code).toBe(0);
    expect(created.stdout).not.toContain('password:');
    const signedIn = await DashboardBrowser.for(api).signIn('clerk@shop.example.jp', 'a passphrase typed once');
    expect(signedIn.body.user).toMatchObject({ role: 'viewer', merchant_account_id: 'tokyo-shop' });
  });

  it.each([
    [['users', 'create', '--role', 'admin'], /needs --email/],
    [['users', 'create', '--email', 'a@shop.example.jp'], /needs --role admin\|viewer/],
    [['users', 'create', '--email', 'a@shop.example.jp', '--role', 'root'], /role must be one of admin, viewer/],
    [['users', 'create', '--email', 'not-an-email', '--role', 'admin'], /e-mail address/],
    [['users', 'create', '--email', 'owner@shop.example.jp', '--role', 'viewer'], /already exists/],
    [['users', 'set-password', '--email', 'nobody@shop.example.jp'], /no dashboard user/],
  ])('%j is refused in one line on stderr, exit 1', async (args, message) => {
    const result = await run(args, env);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr.trim().split('\n')).toEqual([expect.stringMatching(message)]);
  });

  it('refuses a weak password from stdin and creates nobody', async () => {
    const result = await run(
      ['users', 'create', '--email', 'weak@shop.example.jp', '--role', 'admin', '--password-stdin'],
      env,
      'short\n',
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/at least 12 characters/);
    expect((await DashboardBrowser.for(api).signIn('weak@shop.example.jp', 'short')).status).toBe(401);
  });

  it('set-password gives a new password and signs the user’s sessions out', async () => {
    const browser = DashboardBrowser.for(api);
    await browser.signIn('clerk@shop.example.jp', 'a passphrase typed once');
    const reset = await run(['users', 'set-password', '--email', 'clerk@shop.example.jp'], env);
    expect(reset.code).toBe(0);
    const password = /password: (\S+)\n$/.exec(reset.stdout)?.[1] as string;
    expect((await browser.request('GET', '/dashboard/api/session')).status).toBe(401);
    expect((await DashboardBrowser.for(api).signIn('clerk@shop.example.jp', password)).status).toBe(200);
  });
});

/** `pnpm start` makes a dev admin and viewer, prints their sign-in, and keeps the same passwords across restarts. */
describe('pnpm start’s dashboard users', () => {
  it('prints the dashboard URL and the dev admin’s sign-in, which works and stays the same after a restart; a dev key revoked from the dashboard is replaced', async () => {
    const db = await createTestDatabase({ migrated: false });
    const dataDir = await mkdtemp(join(tmpdir(), 'kessai-dev-dash-'));
    const start = async () =>
      startDev({
        env: {
          PORT: String(await freePort()),
          SANDBOX_PORT: '0',
          SHOP_PORT: '0',
          SANDBOX_STATE_FILE: 'memory',
          DATA_DIR: dataDir,
          DATABASE_URL: db.connectionString,
          LOG_LEVEL: 'silent',
        },
        print: () => undefined,
        progress: () => undefined,
      });
    try {
      const first = await start();
      const admin = first.dashboardUsers.find((user) => user.role === 'admin');
      expect(admin).toMatchObject({ email: 'admin@kessai.local', current: true });
      expect(first.dashboardUsers.map((user) => user.email)).toEqual(['admin@kessai.local', 'viewer@kessai.local']);
      const port = new URL(first.apiUrl).port;
      expect(first.quickstart).toContain(`Dashboard  http://localhost:${port}/dashboard`);
      expect(first.quickstart).toContain(`admin@kessai.local  password ${admin?.password}`);
      const signedIn = await new DashboardBrowser(first.apiUrl).signIn('admin@kessai.local', admin?.password as string);
      expect(signedIn.body.user).toMatchObject({ role: 'admin', merchant_account_id: 'default' });
      const viewer = first.dashboardUsers[1];
      const asViewer = await new DashboardBrowser(first.apiUrl).signIn(
        'viewer@kessai.local',
        viewer?.password as string,
      );
      expect(asViewer.body.user.role).toBe('viewer');
      expect((await stat(join(dataDir, 'dashboard-users.json'))).mode & 0o777).toBe(0o600);
      // The admin revokes the dev key the quickstart uses, from the dashboard's API keys page.
      const devKid = JSON.parse(await readFile(first.keyFile, 'utf8')).kid as string;
      const adminBrowser = new DashboardBrowser(first.apiUrl);
      await adminBrowser.signIn('admin@kessai.local', admin?.password as string);
      expect((await adminBrowser.request('DELETE', `/api-keys/${devKid}`)).status).toBe(204);
      await first.stop();

      const second = await start();
      expect(second.dashboardUsers).toEqual(first.dashboardUsers);
      expect(JSON.parse(await readFile(join(dataDir, 'dashboard-users.json'), 'utf8'))[0].password).toBe(
        admin?.password,
      );
      expect(JSON.parse(await readFile(second.keyFile, 'utf8')).kid).not.toBe(devKid);
      const withNewKey = await fetch(`${second.apiUrl}/transactions`, {
        headers: { authorization: `Bearer ${second.token}` },
      });
      expect(withNewKey.status).toBe(200);
      await second.stop();
    } finally {
      await db.drop();
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
