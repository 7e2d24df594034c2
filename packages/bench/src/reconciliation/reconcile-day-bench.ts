import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import {
  connectPostgres,
  KnexReconciliationStore,
  KnexTransactionRepository,
  migrate,
  resolveDatabase,
} from '@kessai/adapters-postgres';
import { SmartpayPaymentConnector } from '@kessai/adapters-smartpay';
import { freePort } from '@kessai/devkit';
import {
  CaptureTransaction,
  ConnectorRegistry,
  japanDateOf,
  ManageReconciliation,
  RandomIdGenerator,
  ReconcileDay,
  type ReconciliationDependencies,
  SMARTPAY_CAPABILITIES,
  SystemClock,
  Transaction,
} from '@kessai/domain';
import {
  InMemoryJobScheduler,
  InMemoryPaymentServiceRepository,
  InMemoryWebhookDeliveryRepository,
  InMemoryWebhookInbox,
  InMemoryWebhookSubscriptionRepository,
} from '@kessai/domain/in-memory';
import { newTransactionInput, smartpayService } from '@kessai/domain/testing';

/**
 * `node packages/bench/dist/reconciliation/reconcile-day-bench.js`: one Japan day of a connection reconciled with
 * the Smartpay sandbox over HTTP (the real connector), transactions on PostgreSQL. Half the day's transactions are
 * captured through Kessai, half only authorized; all agree, so the run measures the comparison itself. Prints, per
 * day size, the run's time, its Smartpay calls per transaction and the heap it grew by while running (sampled),
 * to show the run streams: a bigger day takes longer, not more memory. Not a test: numbers, not assertions.
 */
const SIZES = (process.env.BENCH_RECONCILIATION_SIZES ?? '2000,10000').split(',').map(Number);
const CONCURRENCY = Number(process.env.BENCH_RECONCILIATION_CONCURRENCY ?? 8);
const SEED_CONCURRENCY = 16;

/** The sandbox in a process of its own, as Smartpay is: its work is not counted in Kessai's time or heap. */
async function sandboxProcess(): Promise<{ apiBase: string; baseUrl: string; process: ChildProcess }> {
  const port = await freePort();
  const child = spawn(
    process.execPath,
    [join(__dirname, '../../../smartpay-sandbox/dist/cli.js'), '--port', String(port)],
    {
      stdio: 'ignore',
    },
  );
  const baseUrl = `http://127.0.0.1:${port}`;
  for (let tries = 0; ; tries++) {
    try {
      if ((await fetch(`${baseUrl}/healthz`)).ok) break;
    } catch {
      if (tries > 100) throw new Error('the sandbox did not start');
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return { apiBase: `${baseUrl}/v1`, baseUrl, process: child };
}

/** An order made with the key at the sandbox, approved (`POST /_sandbox/orders`). */
async function sandboxOrder(baseUrl: string, secretKey: string, amount: number): Promise<string> {
  const reply = await fetch(`${baseUrl}/_sandbox/orders`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ secretKey, amount }),
  });
  if (!reply.ok) throw new Error(`the sandbox made no order: ${reply.status}`);
  return ((await reply.json()) as { id: string }).id;
}

async function main(): Promise<void> {
  const database = await resolveDatabase(process.env, { dataDir: process.env.DATA_DIR ?? '.data/bench' });
  const knex = connectPostgres(database.connectionString, { poolMax: 20 });
  const sandbox = await sandboxProcess();
  const connector = new SmartpayPaymentConnector({ apiBase: sandbox.apiBase });
  try {
    await migrate(knex);
    const transactions = new KnexTransactionRepository(knex);
    const paymentServices = new InMemoryPaymentServiceRepository();
    const subscriptions = new InMemoryWebhookSubscriptionRepository();
    const deps = {
      reconciliation: new KnexReconciliationStore(knex),
      transactions,
      paymentServices,
      connectors: new ConnectorRegistry([connector]),
      subscriptions,
      deliveries: new InMemoryWebhookDeliveryRepository(subscriptions),
      clock: new SystemClock(),
      ids: new RandomIdGenerator(),
      jobs: new InMemoryJobScheduler(),
      inbox: new InMemoryWebhookInbox(),
    } satisfies ReconciliationDependencies & { inbox: unknown };
    const rows: string[] = [];
    for (const size of SIZES) {
      const merchantAccountId = `bench-${randomUUID().slice(0, 8)}`;
      const secretKey = `sk_test_bench${randomUUID().replace(/-/g, '')}`;
      const service = smartpayService({ merchantAccountId, credentials: { secretKey, webhookSigningSecret: 'x' } });
      await paymentServices.add(service);
      const seeding = Date.now();
      await seed(deps, service.id, merchantAccountId, size, (amount) =>
        sandboxOrder(sandbox.baseUrl, secretKey, amount),
      );
      const seeded = (Date.now() - seeding) / 1000;
      const manage = new ManageReconciliation(deps);
      const run = await manage.start({
        merchantAccountId,
        paymentServiceId: service.id,
        date: japanDateOf(new Date()),
        trigger: 'api',
        actor: null,
      });
      global.gc?.();
      const heapBefore = process.memoryUsage().heapUsed;
      let heapPeak = heapBefore;
      const sampler = setInterval(() => {
        heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed);
      }, 20);
      const started = Date.now();
      const done = await new ReconcileDay(deps, { concurrency: CONCURRENCY }).execute(merchantAccountId, run.id);
      const seconds = (Date.now() - started) / 1000;
      clearInterval(sampler);
      global.gc?.();
      const retained = process.memoryUsage().heapUsed - heapBefore;
      const summary = done.summary;
      if (done.status !== 'completed' || !summary) throw new Error(`the run ${done.status}: ${done.failureReason}`);
      const differences = summary.open + summary.resolved + summary.inFlight;
      rows.push(
        `| ${size.toLocaleString('en')} | ${seeded.toFixed(1)} | ${seconds.toFixed(1)} | ${(size / seconds).toFixed(0)} | ${summary.providerCalls} | ${(summary.providerCalls / size).toFixed(2)} | ${((heapPeak - heapBefore) / 2 ** 20).toFixed(1)} | ${(retained / 2 ** 20).toFixed(1)} | ${differences} |`,
      );
      console.log(rows.at(-1));
    }
    console.log(
      '\n| transactions in the day | seeding (s) | reconciliation (s) | transactions/s | Smartpay calls | calls per transaction | heap peak over the start (MiB) | heap kept after (MiB) | differences found |\n|---|---|---|---|---|---|---|---|---|',
    );
    for (const row of rows) console.log(row);
  } finally {
    await connector.client.close();
    sandbox.process.kill();
    await knex.destroy();
    await database.stop();
  }
}

/** `size` transactions authorized at the sandbox and in Kessai; every second one captured through Kessai. */
async function seed(
  deps: ReconciliationDependencies & ConstructorParameters<typeof CaptureTransaction>[0],
  paymentServiceId: string,
  merchantAccountId: string,
  size: number,
  createOrder: (amount: number) => Promise<string>,
): Promise<void> {
  const capture = new CaptureTransaction(deps);
  let next = 0;
  const worker = async () => {
    while (next < size) {
      const i = next++;
      const amount = 1000 + (i % 5000);
      const now = new Date();
      const orderId = await createOrder(amount);
      const tx = Transaction.create(
        newTransactionInput({ merchantAccountId, paymentServiceId, amount, cartItems: [] }),
        SMARTPAY_CAPABILITIES,
        now,
      );
      tx.beginApproval(
        {
          approvalUrl: `${orderId}/approve`,
          approvalExpiresAt: new Date(now.getTime() + 1_800_000),
          providerSessionId: `checkout_${orderId}`,
          providerOrderId: orderId,
        },
        now,
      );
      tx.applyProviderSnapshot(
        {
          providerOrderId: orderId,
          status: 'authorized',
          rawStatus: 'requires_capture',
          amount,
          currency: 'JPY',
          payments: [],
          refunds: [],
          authorizationExpiresAt: null,
        },
        now,
      );
      await deps.transactions.add(tx);
      if (i % 2 === 0) await capture.execute({ merchantAccountId, transactionId: tx.id });
    }
  };
  await Promise.all(Array.from({ length: SEED_CONCURRENCY }, worker));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
