import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { type RunningSandbox, startSandbox } from '@kessai/smartpay-sandbox';
import { signToken } from '../auth/keys';
import { type Config, loadConfig } from '../composition/config';
import { type Runtime, startRuntime } from '../composition/runtime';
import { TOKENS } from '../composition/tokens';
import { ensureKeyFile } from './key-files';
import { renderQuickstart } from './quickstart';

export interface DevOptions {
  env?: NodeJS.ProcessEnv;
  /** Where the quickstart goes (stdout by default). */
  print?: (text: string) => void;
}

export interface DevStack {
  runtime: Runtime;
  sandbox: RunningSandbox | null;
  apiUrl: string;
  token: string;
  keyFile: string;
  quickstart: string;
  stop(): Promise<void>;
}

const SANDBOX_KEY = 'sk_test_kessaiLocalSandbox';

/**
 * `pnpm start`: embedded PostgreSQL (unless DATABASE_URL), migrations, the Smartpay sandbox (unless
 * SMARTPAY_API_BASE), the `default` merchant with a dev ES512 key (private key under DATA_DIR/keys), a Smartpay
 * connection whose webhooks come back to this API, the API itself, and a printed quickstart.
 */
export async function startDev(options: DevOptions = {}): Promise<DevStack> {
  const env = { ...process.env, ...options.env };
  const dataDir = resolve(env.DATA_DIR ?? '.data');
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  const port = Number(env.PORT ?? 8080);
  const publicBaseUrl = env.PUBLIC_BASE_URL ?? `http://127.0.0.1:${port}`;

  let sandbox: RunningSandbox | null = null;
  if (!env.SMARTPAY_API_BASE) {
    sandbox = await startSandbox({ port: Number(env.SANDBOX_PORT ?? 0) });
    env.SMARTPAY_API_BASE = sandbox.apiBase;
    env.SMARTPAY_SECRET_KEY ??= SANDBOX_KEY;
  }
  env.KESSAI_ENCRYPTION_KEY ??= await devEncryptionKey(dataDir);
  // A developer's webhook receiver runs on this machine: let merchant webhooks reach it.
  env.MERCHANT_WEBHOOKS_ALLOW_PRIVATE_TARGETS ??= 'true';
  const config: Config = loadConfig({ ...env, PORT: String(port), PUBLIC_BASE_URL: publicBaseUrl, DATA_DIR: dataDir });
  const runtime = await startRuntime(config);
  try {
    const services = runtime.container.get(TOKENS.ApiServices);
    const keyFile = join(dataDir, 'keys', 'default.json');
    const key = await ensureKeyFile(keyFile, ['default'], services.apiKeys);
    await runtime.app.listen({ port, host: config.HOST });
    const address = runtime.app.server.address();
    const apiUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : port}`;
    await ensureConnection(runtime, config);
    const token = await signToken(key.privateJwk, {
      scopes: ['*.read', '*.write'],
      expiresInSeconds: 3600,
      issuer: 'kessai-dev',
    });
    const quickstart = renderQuickstart({ apiUrl, token, keyFile, sandboxUrl: sandbox?.baseUrl ?? null });
    (options.print ?? ((text) => process.stdout.write(`${text}\n`)))(quickstart);
    return {
      runtime,
      sandbox,
      apiUrl,
      token,
      keyFile,
      quickstart,
      async stop() {
        await runtime.stop();
        await sandbox?.stop();
      },
    };
  } catch (error) {
    await runtime.stop();
    await sandbox?.stop();
    throw error;
  }
}

/** A Smartpay connection for `default`, made once (its webhook endpoint registered at Smartpay/the sandbox). */
async function ensureConnection(runtime: Runtime, config: Config): Promise<void> {
  const services = runtime.container.get(TOKENS.ApiServices);
  const existing = await services.paymentServices.findDefault('default', 'smartpay');
  const secretKey = config.SMARTPAY_SECRET_KEY;
  if (existing || !secretKey) return;
  const id = services.ids.uuid();
  const prepared = await services.connectionSetup.prepare({
    connector: 'smartpay',
    secretKey,
    webhookSigningSecret: config.SMARTPAY_WEBHOOK_SIGNING_SECRET ?? null,
    webhookUrl: `${services.publicBaseUrl}/webhooks/smartpay/${id}`,
  });
  const now = services.clock.now();
  await services.paymentServices.add({
    id,
    merchantAccountId: 'default',
    connector: 'smartpay',
    displayName: 'Smartpay',
    active: true,
    credentials: { secretKey, webhookSigningSecret: prepared.webhookSigningSecret ?? '' },
    providerWebhookEndpointId: prepared.providerWebhookEndpointId,
    createdAt: now,
    updatedAt: now,
  });
}

/** Development only: a credentials-encryption key kept under DATA_DIR (production passes KESSAI_ENCRYPTION_KEY). */
async function devEncryptionKey(dataDir: string): Promise<string> {
  const path = join(dataDir, 'encryption-key');
  try {
    return (await readFile(path, 'utf8')).trim();
  } catch {
    const key = Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString('base64');
    await writeFile(path, `${key}\n`, { mode: 0o600 });
    return key;
  }
}
