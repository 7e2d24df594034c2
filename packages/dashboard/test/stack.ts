// What `pnpm start` runs (the dev stack: API + Smartpay sandbox + the built dashboard at /dashboard), started in
// this process on a fresh database of the test run's PostgreSQL. Users are made with the real CLI, as an operator
// would make them.
import { spawn } from 'node:child_process';
import type { DevStack } from '@kessai/devkit';
import { KESSAI_CLI, startKessai } from '@kessai/devkit';
import { admin, launch, type Page, type RunningBrowser, signInAs, viewer } from './signed-in';

export interface DashboardStack {
  dev: DevStack;
  url: string;
  databaseUrl: string;
  close(): Promise<void>;
}

/** The stack with a browser on it: what every browser spec of the dashboard runs against. */
export interface DashboardInBrowser extends DashboardStack {
  browser: RunningBrowser;
  /** The browser's first tab. */
  page: Page;
}

export interface DashboardStackOptions {
  /** Also make the viewer (the admin is always made). */
  viewer?: boolean;
  /** The page the admin's sign-in lands on before the first test; unset leaves the tab signed out. */
  signedIn?: 'overview' | 'transactions';
  /** The browser's width (390: a phone). */
  width?: number;
  /** What the spec needs before anyone signs in (its data, the viewport), once the stack and the browser run. */
  prepare?(dashboard: DashboardInBrowser): Promise<void>;
}

/**
 * For a browser spec: the dev stack with its users and Chromium before its tests, closed after them. Call at the
 * top level; the fields are there once the tests run.
 */
export function useDashboardStack(options: DashboardStackOptions = {}): DashboardInBrowser {
  const dashboard = {} as DashboardInBrowser;
  beforeAll(async () => {
    const { dev, databaseUrl, close } = await startKessai({ processes: 'dev' });
    Object.assign(dashboard, { dev, url: dev.apiUrl, databaseUrl, close });
    await createUser(dashboard, admin.email, 'admin', admin.password);
    if (options.viewer) await createUser(dashboard, viewer.email, 'viewer', viewer.password);
    dashboard.browser = await launch({ locale: 'en-US', width: options.width });
    dashboard.page = dashboard.browser.context.pages()[0] ?? (await dashboard.browser.context.newPage());
    await options.prepare?.(dashboard);
    if (options.signedIn) await signInAs(dashboard, dashboard.page, admin, options.signedIn);
  }, 180_000);
  afterAll(async () => {
    await dashboard.browser?.close();
    await dashboard.close?.();
  });
  return dashboard;
}

/** `kessai users create` (the production CLI), the password given on stdin. */
async function createUser(stack: DashboardStack, email: string, role: 'admin' | 'viewer', password: string) {
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
