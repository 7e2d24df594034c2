import { createServer } from 'node:net';
import type { Clock } from '@kessai/domain';
import { loadConfig, smartpayResources } from '@kessai/server';
import { type RunningSandbox, type SandboxOptions, startSandbox } from '@kessai/smartpay-sandbox';
import { type ApiHarness, startApi } from './api-harness';

/** A free loopback port, so the API knows its own public URL (Smartpay's webhooks are sent to it). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as { port: number }).port;
      server.close(() => resolve(port));
    });
  });
}

export interface Stack {
  api: ApiHarness;
  sandbox: RunningSandbox;
  secretKey: string;
  paymentServiceId: string;
  close(): Promise<void>;
}

/**
 * The real thing on loopback: the Smartpay sandbox, the Kessai API with the real Smartpay connector, and a
 * connection created through the API (which registers Kessai's webhook URL at the sandbox).
 */
export async function startStack(
  options: { env?: Record<string, string>; sandbox?: SandboxOptions; clock?: Clock; pooled?: boolean } = {},
): Promise<Stack> {
  const sandbox = await startSandbox({ port: 0, ...options.sandbox });
  const port = await freePort();
  const env = {
    PORT: String(port),
    PUBLIC_BASE_URL: `http://127.0.0.1:${port}`,
    SMARTPAY_API_BASE: sandbox.apiBase,
    ...options.env,
  };
  const smartpay = smartpayResources(loadConfig(env));
  const api = await startApi({
    connector: smartpay.connector,
    setup: smartpay.setup,
    env,
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.pooled ? { pooled: true } : {}),
  });
  const secretKey = `sk_test_${Math.random().toString(36).slice(2)}`;
  const created = await api.call('POST', '/payment-services', {
    body: { secret_key: secretKey, display_name: 'Smartpay (sandbox)' },
  });
  if (created.status !== 201) throw new Error(`could not create the payment service: ${JSON.stringify(created.body)}`);
  return {
    api,
    sandbox,
    secretKey,
    paymentServiceId: created.body.id,
    async close() {
      await api.close();
      await smartpay.connector.client.close();
      await sandbox.stop();
    },
  };
}

/** Polls until `check` passes (webhooks and jobs are asynchronous), failing with the last value seen. */
export async function eventually<T>(
  read: () => Promise<T>,
  check: (value: T) => boolean,
  timeoutMs = 8000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last = await read();
  while (!check(last)) {
    if (Date.now() > deadline)
      throw new Error(`condition not met in ${timeoutMs} ms; last value: ${JSON.stringify(last)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
    last = await read();
  }
  return last;
}

/** The buyer opens the approval URL and clicks a button; the sandbox answers 303 back to the merchant. */
export async function buyerClicks(approvalUrl: string, button: 'approve' | 'cancel' | 'decline') {
  const page = await fetch(approvalUrl);
  if (page.status !== 200) throw new Error(`approval page answered ${page.status}`);
  const html = await page.text();
  const action = new RegExp(`action="([^"]+/${button})"`).exec(html)?.[1];
  if (!action) throw new Error(`the approval page has no ${button} button`);
  const answer = await fetch(new URL(action, approvalUrl), {
    method: 'POST',
    redirect: 'manual',
    body: new URLSearchParams(),
  });
  if (answer.status !== 303) throw new Error(`the ${button} button answered ${answer.status}`);
  return { html, location: answer.headers.get('location') ?? '' };
}
