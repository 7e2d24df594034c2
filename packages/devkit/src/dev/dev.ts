import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { signToken } from '@kessai/api';
import {
  type Config,
  claimDevLock,
  DASHBOARD_SERVICES,
  defaultDataDir,
  devEncryptionKey,
  devKeyNotice,
  ensureKeyFile,
  keyMismatchMessage,
  loadConfig,
  type Runtime,
  resetDevData,
  startRuntime,
  TOKENS,
} from '@kessai/server';
import { type RunningSandbox, startSandbox } from '@kessai/smartpay-sandbox';
import { ensureConnection } from './dev-connection';
import { type DevDashboardUser, ensureDevDashboardUsers } from './dev-dashboard-users';
import { type DevShop, startDevShop } from './dev-shop';
import { addDevThanksPage } from './dev-thanks-page';
import { withHeartbeat } from './heartbeat';
import { renderQuickstart } from './quickstart';

export interface DevOptions {
  env?: NodeJS.ProcessEnv;
  /** Where the quickstart goes (stdout by default). */
  print?: (text: string) => void;
  /** Start-up steps with timings (stderr by default). */
  progress?: (line: string) => void;
  /** Wipe the dev data first (`pnpm start -- --reset`). */
  reset?: boolean;
}

export interface DevStack {
  runtime: Runtime;
  sandbox: RunningSandbox | null;
  apiUrl: string;
  token: string;
  keyFile: string;
  dataDir: string;
  /** The dashboard's dev admin and viewer (merchant `default`) with their passwords. */
  dashboardUsers: DevDashboardUser[];
  /** The demo shop (`/dev/shop`) on an origin of its own, with the embed on its checkout page. */
  shop: DevShop;
  quickstart: string;
  stop(): Promise<void>;
}

const SANDBOX_KEY = 'sk_test_kessaiLocalSandbox';
const SANDBOX_PORT = 4010;
const SHOP_PORT = 4020;

/**
 * `pnpm start`: embedded PostgreSQL (unless DATABASE_URL), migrations, the Smartpay sandbox (unless
 * SMARTPAY_API_BASE) on a stable port with its state under DATA_DIR, the `default` merchant with a dev ES512 key,
 * a Smartpay connection whose webhooks come back to this API (checked at every start), the API, the demo shop
 * (SHOP_PORT, on another origin) and a quickstart.
 */
export async function startDev(options: DevOptions = {}): Promise<DevStack> {
  const heartbeat = withHeartbeat(options.progress ?? ((line: string) => process.stderr.write(`  ${line}\n`)));
  try {
    return await start(options, heartbeat.progress);
  } finally {
    heartbeat.stop();
  }
}

async function start(options: DevOptions, progress: (line: string) => void): Promise<DevStack> {
  const env = { ...process.env, ...options.env };
  const dataDir = defaultDataDir(env);
  if (options.reset) {
    await resetDevData(dataDir, env);
    progress(`dev data wiped (${dataDir})`);
  }
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  const port = Number(env.PORT ?? 8080);
  const publicBaseUrl = env.PUBLIC_BASE_URL ?? `http://127.0.0.1:${port}`;
  const releaseLock = await claimDevLock(dataDir, publicBaseUrl);
  const cleanup: Array<() => Promise<void>> = [releaseLock];
  const stop = async () => {
    for (const step of cleanup.splice(0).reverse()) await step();
  };
  try {
    let sandbox: RunningSandbox | null = null;
    if (!env.SMARTPAY_API_BASE) {
      const started = Date.now();
      // SANDBOX_STATE_FILE=memory keeps it in memory (tests that do not test durability).
      const stateFile = env.SANDBOX_STATE_FILE || join(dataDir, 'sandbox.json');
      sandbox = await startSandbox({
        port: Number(env.SANDBOX_PORT ?? SANDBOX_PORT),
        ...(stateFile === 'memory' ? {} : { stateFile }),
      });
      cleanup.push(() => (sandbox as RunningSandbox).stop());
      env.SMARTPAY_API_BASE = sandbox.apiBase;
      env.SMARTPAY_SECRET_KEY ||= SANDBOX_KEY;
      progress(`Smartpay sandbox on ${sandbox.baseUrl}, state in ${stateFile} (${since(started)})`);
    }
    // Said before the dev key is put in env, which would hide where the key came from.
    const keyMismatch = keyMismatchMessage(env, dataDir);
    const keyNotice = devKeyNotice(env, dataDir);
    if (keyNotice) progress(keyNotice);
    if (!env.KESSAI_ENCRYPTION_KEY) env.KESSAI_ENCRYPTION_KEY = await devEncryptionKey(dataDir);
    // In a terminal, logs are for a person: pretty, and no line per request to drown the quickstart in.
    if (process.stdout.isTTY) env.LOG_FORMAT ||= 'pretty';
    env.LOG_REQUESTS ||= 'false';
    // A developer's webhook receiver runs on this machine: let merchant webhooks reach it.
    env.MERCHANT_WEBHOOKS_ALLOW_PRIVATE_TARGETS ??= 'true';
    const config: Config = loadConfig({
      ...env,
      PORT: String(port),
      PUBLIC_BASE_URL: publicBaseUrl,
      DATA_DIR: dataDir,
    });
    const runtime = await startRuntime(config, { progress });
    cleanup.push(() => runtime.stop());
    const services = runtime.container.get(TOKENS.ApiServices);
    const keyFile = join(dataDir, 'keys', 'default.json');
    const key = await ensureKeyFile(keyFile, ['default'], services.apiKeys);
    const dashboardUsers = await ensureDevDashboardUsers(runtime.container.get(DASHBOARD_SERVICES), dataDir);
    addDevThanksPage(runtime.app);
    const listening = Date.now();
    await runtime.app.listen({ port, host: config.HOST });
    const address = runtime.app.server.address();
    const apiUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : port}`;
    progress(`API on ${apiUrl} (${since(listening)})`);
    await ensureConnection(runtime, config, progress, keyMismatch);
    const shop = await startDevShop({ apiUrl, privateJwk: key.privateJwk, port: Number(env.SHOP_PORT ?? SHOP_PORT) });
    cleanup.push(() => shop.stop());
    // The shop's origin may call the embed's routes (CORS), beside any origin the developer registered.
    const origins = services.checkoutSessions.embedOrigins;
    const registered = await origins.list('default');
    if (!registered.includes(shop.origin)) await origins.replace('default', [...registered, shop.origin]);
    progress(`demo shop on ${shop.url}`);
    const token = await signToken(key.privateJwk, {
      scopes: ['*.read', '*.write'],
      expiresInSeconds: 3600,
      issuer: 'kessai-dev',
    });
    const quickstart = renderQuickstart({
      apiUrl,
      token,
      keyFile,
      dataDir,
      sandboxUrl: sandbox?.baseUrl ?? null,
      externalDatabase: Boolean(env.DATABASE_URL),
      dashboard: { url: `${apiUrl.replace('//127.0.0.1:', '//localhost:')}/dashboard`, users: dashboardUsers },
      shopUrl: shop.url,
    });
    (options.print ?? ((text) => process.stdout.write(`${text}\n`)))(quickstart);
    return { runtime, sandbox, apiUrl, token, keyFile, dataDir, dashboardUsers, shop, quickstart, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

function since(started: number): string {
  return `${((Date.now() - started) / 1000).toFixed(1)} s`;
}
