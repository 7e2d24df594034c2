import { randomBytes, randomUUID } from 'node:crypto';
import { connectPostgres, KnexApiKeyRegistry } from '@kessai/adapters-postgres';
import { SmartpayPaymentConnector } from '@kessai/adapters-smartpay';
import { registerNewKey, signToken } from '@kessai/api';
import { createTransactionBody, freePort, startApiProcess } from '@kessai/devkit';
import { SMARTPAY_CAPABILITIES, Transaction } from '@kessai/domain';
import { newTransactionInput } from '@kessai/domain/testing';
import { startSandbox } from '@kessai/smartpay-sandbox';
import { cpuSecondsOf, peakRssOf } from './child-server';
import { type CostCounters, moved } from './database-cost';

/**
 * Full lifecycles (create → approve → sync → capture → refund) through `kessai serve` in its own process, the real
 * Smartpay adapter and the sandbox, 20 at a time; then the same Smartpay calls with the adapter alone.
 */
export interface LifecycleResult {
  perSecond: number;
  peakRssMb: number;
  adapterAlone: number;
  /** CPU milliseconds per lifecycle: `kessai serve`, PostgreSQL (when it can be read), this load process. */
  cpuMs: { serve: number; database?: number; load: number };
  /** The database's cost counters per lifecycle (commits, statements …), when they were read. */
  costs?: CostCounters;
  /** Smartpay API requests per lifecycle the sandbox received: through Kessai, and from the adapter alone. */
  smartpayRequests: { kessai: number; adapterAlone: number };
}

export async function lifecycles(
  databaseUrl: string,
  seconds: number,
  logFile: string,
  databaseCpuSeconds?: () => number,
  costs?: () => Promise<CostCounters>,
): Promise<LifecycleResult> {
  const sandbox = await startSandbox({ port: 0 });
  const port = await freePort();
  const serve = await startApiProcess(
    {
      STORAGE: 'postgres',
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'silent',
      SMARTPAY_API_BASE: sandbox.apiBase,
      PUBLIC_BASE_URL: `http://127.0.0.1:${port}`,
      KESSAI_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    },
    logFile,
  );
  const knex = connectPostgres(databaseUrl, { poolMax: 2 });
  const keys = await registerNewKey(new KnexApiKeyRegistry(knex), ['life']);
  await knex.destroy();
  const token = await signToken(keys.privateJwk, { scopes: ['*.read', '*.write'], expiresInSeconds: 3600 });
  const headers = {
    authorization: `Bearer ${token}`,
    'content-type': 'application/json',
    'x-gr4vy-merchant-account-id': 'life',
  };
  const post = async (path: string, body: unknown) =>
    (await fetch(`${serve.url}${path}`, { method: 'POST', headers, body: JSON.stringify(body) })).json() as Promise<
      Record<string, never>
    >;
  await post('/payment-services', { secret_key: 'sk_test_bench' });
  let done = 0;
  const runFor = async (runSeconds: number) => {
    const deadline = Date.now() + runSeconds * 1000;
    await Promise.all(
      Array.from({ length: 20 }, async () => {
        while (Date.now() < deadline) {
          const tx = (await post('/transactions', createTransactionBody())) as unknown as {
            id: string;
            additional_identifiers: { payment_service_checkout_session_id: string };
          };
          sandbox.control.approve(tx.additional_identifiers.payment_service_checkout_session_id);
          await post(`/transactions/${tx.id}/sync`, {});
          await post(`/transactions/${tx.id}/capture`, { amount: 12_000 });
          await post(`/transactions/${tx.id}/refunds`, { amount: 12_000 });
          done++;
        }
      }),
    );
  };
  const progress = setInterval(() => process.stdout.write(`\r  lifecycles: ${done}`), 500);
  // A new process compiles as it goes: a few seconds of the same load first, as every other row warms up.
  await runFor(Math.min(3, seconds / 2));
  const costsBefore = await costs?.();
  done = 0;
  const servePid = serve.child.pid ?? 0;
  const serveBefore = cpuSecondsOf(servePid);
  const databaseBefore = databaseCpuSeconds?.();
  const loadBefore = process.cpuUsage();
  const requestsBefore = sandbox.apiRequests();
  await runFor(seconds);
  // Webhook processing still under way for the last lifecycles is counted too: their share of the run's requests.
  const requests = sandbox.apiRequests() - requestsBefore;
  clearInterval(progress);
  process.stdout.write('\n');
  const loadCpu = process.cpuUsage(loadBefore);
  const perLifecycle = (cpuSeconds: number) => (done > 0 ? (cpuSeconds * 1000) / done : 0);
  const cpuMs = {
    serve: perLifecycle(cpuSecondsOf(servePid) - serveBefore),
    ...(databaseBefore === undefined
      ? {}
      : { database: perLifecycle((databaseCpuSeconds?.() ?? databaseBefore) - databaseBefore) }),
    load: perLifecycle((loadCpu.user + loadCpu.system) / 1e6),
  };
  const costsAfter = costsBefore && (await costs?.());
  const costsPer =
    costsBefore && costsAfter && done > 0
      ? Object.fromEntries(Object.entries(moved(costsBefore, costsAfter)).map(([name, n]) => [name, n / done]))
      : undefined;
  const peakRssMb = peakRssOf(servePid);
  await serve.kill();
  const kessaiRequests = done > 0 ? requests / done : 0;
  const aloneBefore = sandbox.apiRequests();
  const alone = await adapterLifecycles(sandbox, seconds);
  const smartpayRequests = {
    kessai: kessaiRequests,
    adapterAlone: alone.done > 0 ? (sandbox.apiRequests() - aloneBefore) / alone.done : 0,
  };
  await sandbox.stop();
  return {
    perSecond: done / seconds,
    peakRssMb,
    adapterAlone: alone.perSecond,
    cpuMs,
    smartpayRequests,
    ...(costsPer && { costs: costsPer }),
  };
}

/**
 * The lifecycle's Smartpay calls with nothing of Kessai around them: the real adapter against the same sandbox,
 * same 20 workers. An upper bound for what any lifecycle through this sandbox on this machine can reach.
 */
async function adapterLifecycles(
  sandbox: Awaited<ReturnType<typeof startSandbox>>,
  seconds: number,
): Promise<{ perSecond: number; done: number }> {
  const connector = new SmartpayPaymentConnector({ apiBase: sandbox.apiBase });
  const account = {
    paymentServiceId: randomUUID(),
    credentials: { secretKey: 'sk_test_benchAlone', webhookSigningSecret: 'x' },
  };
  let done = 0;
  const deadline = Date.now() + seconds * 1000;
  const progress = setInterval(() => process.stdout.write(`\r  adapter + sandbox alone: ${done}`), 500);
  await Promise.all(
    Array.from({ length: 20 }, async () => {
      while (Date.now() < deadline) {
        const data = Transaction.create(
          { ...newTransactionInput({ amount: 12_000, cartItems: [] }), intent: 'authorize' },
          SMARTPAY_CAPABILITIES,
          new Date(),
        ).state.details;
        const started = await connector.createApproval(account, data);
        if (started.kind !== 'succeeded') throw new Error(`createApproval: ${JSON.stringify(started)}`);
        const { providerSessionId, providerOrderId } = started.value;
        sandbox.control.approve(providerSessionId);
        await connector.fetchStatus(account, providerOrderId);
        const captureId = randomUUID();
        await connector.capture(account, {
          providerOrderId,
          captureId,
          amount: 12_000,
          currency: 'JPY',
          final: true,
          idempotencyKey: `bench-capture-${captureId}`,
        });
        const refundId = randomUUID();
        await connector.refund(account, {
          providerOrderId,
          refundId,
          amount: 12_000,
          currency: 'JPY',
          reason: null,
          idempotencyKey: `bench-refund-${refundId}`,
        });
        done++;
      }
    }),
  );
  clearInterval(progress);
  process.stdout.write('\n');
  await connector.client.close();
  return { perSecond: done / seconds, done };
}
