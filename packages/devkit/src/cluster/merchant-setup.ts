import { signToken } from '@kessai/api';
import { ensureKeyFile, type KeyFile, loadConfig, startRuntime, TOKENS } from '@kessai/server';
import { ensureConnection } from '../dev/dev-connection';

export interface MerchantSetup {
  key: KeyFile;
  /** A bearer token for the `default` merchant, valid for an hour. */
  token: string;
}

/**
 * The `default` merchant as the dev stack makes it: a key file (reused when it exists) and a Smartpay connection
 * whose webhooks come back through `PUBLIC_BASE_URL` (the balancer). Done once, before the API processes start,
 * by a runtime of its own on the direct URL that serves nothing and runs no jobs.
 */
export async function setUpMerchant(
  env: Record<string, string>,
  keyFile: string,
  progress: (line: string) => void,
): Promise<MerchantSetup> {
  const config = loadConfig({ ...env, RUN_WORKER: 'false', HEAP_GROWING_PERCENT: '0', LOG_LEVEL: 'warn' });
  const runtime = await startRuntime(config, { migrations: 'require' });
  try {
    const key = await ensureKeyFile(keyFile, ['default'], runtime.container.get(TOKENS.ApiServices).apiKeys);
    await ensureConnection(runtime, config, progress);
    const token = await signToken(key.privateJwk, {
      scopes: ['*.read', '*.write'],
      expiresInSeconds: 3600,
      issuer: 'kessai-dev',
    });
    return { key, token };
  } finally {
    await runtime.stop();
  }
}
