// What `pnpm start` runs (the dev stack: API + Smartpay sandbox + the built dashboard at /dashboard), started in
// this process on a fresh database of the test run's PostgreSQL. Users are made with the real CLI, as an operator
// would make them.
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase } from '@kessai/adapters-postgres';
import { type DevStack, startDev } from '../../http/src/cli/dev';
import { freePort } from '../../http/src/testing/stack';

export interface DashboardStack {
  dev: DevStack;
  url: string;
  databaseUrl: string;
  close(): Promise<void>;
}

export async function startDashboardStack(): Promise<DashboardStack> {
  const db = await createTestDatabase({ migrated: false });
  const dataDir = await mkdtemp(join(tmpdir(), 'kessai-dashboard-'));
  const dev = await startDev({
    env: {
      PORT: String(await freePort()),
      SANDBOX_PORT: '0',
      SANDBOX_STATE_FILE: 'memory',
      DATA_DIR: dataDir,
      DATABASE_URL: db.connectionString,
      LOG_LEVEL: 'silent',
    },
    print: () => undefined,
    progress: () => undefined,
  });
  return {
    dev,
    url: dev.apiUrl,
    databaseUrl: db.connectionString,
    async close() {
      await dev.stop();
      await db.drop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** `kessai users create` (packages/http/dist/cli.js), the password given on stdin. */
export async function createUser(stack: DashboardStack, email: string, role: 'admin' | 'viewer', password: string) {
  const cli = join(__dirname, '../../http/dist/cli.js');
  const child = spawn(
    process.execPath,
    [cli, 'users', 'create', '--email', email, '--role', role, '--password-stdin'],
    {
      env: { ...process.env, DATABASE_URL: stack.databaseUrl, LOG_LEVEL: 'silent' },
      stdio: ['pipe', 'pipe', 'pipe'],
    },
  );
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString('utf8');
  });
  child.stderr.on('data', (chunk: Buffer) => {
    output += chunk.toString('utf8');
  });
  child.stdin.end(`${password}\n`);
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (code !== 0) throw new Error(`users create exited with ${code}: ${output}`);
}

/** The API as a merchant's backend calls it: Bearer token, JSON. */
export async function backend(stack: DashboardStack, method: string, path: string, body?: unknown) {
  const headers: Record<string, string> = { authorization: `Bearer ${stack.dev.token}` };
  if (body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${stack.url}${path}`, {
    method,
    headers,
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await response.text();
  // biome-ignore lint/suspicious/noExplicitAny: tests read response fields directly
  const json: any = text ? JSON.parse(text) : undefined;
  return { status: response.status, body: json };
}
