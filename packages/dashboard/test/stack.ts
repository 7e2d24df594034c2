// What `pnpm start` runs (the dev stack: API + Smartpay sandbox + the built dashboard at /dashboard), started in
// this process on a fresh database of the test run's PostgreSQL. Users are made with the real CLI, as an operator
// would make them.
import { spawn } from 'node:child_process';
import type { DevStack } from '@kessai/devkit';
import { KESSAI_CLI, startKessai } from '@kessai/devkit';

export interface DashboardStack {
  dev: DevStack;
  url: string;
  databaseUrl: string;
  close(): Promise<void>;
}

export async function startDashboardStack(): Promise<DashboardStack> {
  const { dev, databaseUrl, close } = await startKessai({ processes: 'dev' });
  return { dev, url: dev.apiUrl, databaseUrl, close };
}

/** `kessai users create` (the production CLI), the password given on stdin. */
export async function createUser(stack: DashboardStack, email: string, role: 'admin' | 'viewer', password: string) {
  const child = spawn(
    process.execPath,
    [KESSAI_CLI, 'users', 'create', '--email', email, '--role', role, '--password-stdin'],
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
