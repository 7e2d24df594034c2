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
  type ConnectorAccount,
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
 * to show the run streams: a bigger day takes longer, not more memory; beside it, the same Smartpay reads made by
 * the connector alone (the floor). `pnpm bench -- --only=reconciliation` runs it as a section of the HTTP bench
 * (`BENCH_RECONCILIATION_JSON=1`: one `measure {…}` line per size). Not a test: numbers, not assertions.
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

/** What one day's reconciliation took, beside the same Smartpay reads made alone. */
export interface DayMeasure {
  size: number;
  seededSeconds: number;
  seconds: number;
  providerCalls: number;
  heapPeakMiB: number;
  heapKeptMiB: number;
  differences: number;
  /** The baseline: the connector alone reading each order and walking the list, same concurrency, no Kessai. */
  readsAloneSeconds: number;
  readsAloneCalls: number;
}

async function main(): Promise<void> {
  const database = await resolveDatabase(process.env, { dataDir: process.env.DATA_DIR ?? '.data/bench' });
  const knex = connectPostgres(database.connectionString, { poolMax: 20 });
  const sandbox = await sandboxProcess();
  const connector = new SmartpayPaymentConnector({ apiBase: sandbox.apiBase });
  const json = process.env.BENCH_RECONCILIATION_JSON === '1';
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
      const measure = await measureDay(deps, connector, sandbox.baseUrl, size);
      // A parent bench (`--only=reconciliation`) reads the measure from this line.
      if (json) console.log(`measure ${JSON.stringify(measure)}`);
      const m = measure;
      rows.push(
        `| ${size.toLocaleString('en')} | ${m.seededSeconds.toFixed(1)} | ${m.seconds.toFixed(1)} | ${m.readsAloneSeconds.toFixed(1)} | ${(size / m.seconds).toFixed(0)} | ${m.providerCalls} | ${(m.providerCalls / size).toFixed(2)} | ${m.heapPeakMiB.toFixed(1)} | ${m.heapKeptMiB.toFixed(1)} | ${m.differences} |`,
      );
      if (!json) console.log(rows.at(-1));
    }
    if (json) return;
    console.log(
      '\n| transactions in the day | seeding (s) | reconciliation (s) | the same Smartpay reads alone (s) | transactions/s | Smartpay calls | calls per transaction | heap peak over the start (MiB) | heap kept after (MiB) | differences found |\n|---|---|---|---|---|---|---|---|---|---|',
    );
    for (const row of rows) console.log(row);
  } finally {
    await connector.client.close();
    sandbox.process.kill();
    await knex.destroy();
    await database.stop();
  }
}

type BenchDependencies = ReconciliationDependencies & ConstructorParameters<typeof CaptureTransaction>[0];

async function measureDay(
  deps: BenchDependencies,
  connector: SmartpayPaymentConnector,
  sandboxBase: string,
  size: number,
): Promise<DayMeasure> {
  const merchantAccountId = `bench-${randomUUID().slice(0, 8)}`;
  const secretKey = `sk_test_bench${randomUUID().replace(/-/g, '')}`;
  const service = smartpayService({ merchantAccountId, credentials: { secretKey, webhookSigningSecret: 'x' } });
  await deps.paymentServices.add(service);
  const seeding = Date.now();
  const orderIds = await seed(deps, service.id, merchantAccountId, size, (amount) =>
    sandboxOrder(sandboxBase, secretKey, amount),
  );
  const seededSeconds = (Date.now() - seeding) / 1000;
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
  const alone = await readsAlone(connector, { paymentServiceId: service.id, credentials: { secretKey } }, orderIds);
  return {
    size,
    seededSeconds,
    seconds,
    providerCalls: summary.providerCalls,
    heapPeakMiB: (heapPeak - heapBefore) / 2 ** 20,
    heapKeptMiB: retained / 2 ** 20,
    differences: summary.open + summary.resolved + summary.inFlight,
    readsAloneSeconds: alone.seconds,
    readsAloneCalls: alone.calls,
  };
}

/**
 * The floor of a run: the connector alone reading every order of the day (`fetchStatus`) at the run's concurrency,
 * then walking the order list back as far, with nothing read from or written to PostgreSQL and nothing compared.
 */
async function readsAlone(
  connector: SmartpayPaymentConnector,
  account: ConnectorAccount,
  orderIds: readonly string[],
): Promise<{ seconds: number; calls: number }> {
  const started = Date.now();
  let calls = 0;
  let next = 0;
  const worker = async () => {
    while (next < orderIds.length) {
      const orderId = orderIds[next++] as string;
      calls++;
      const read = await connector.fetchStatus(account, orderId);
      if (read.kind !== 'succeeded') throw new Error(`reading ${orderId} alone: ${read.kind}`);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  let pageToken: string | null = null;
  do {
    calls++;
    const page = await connector.listOrders(account, { pageToken, limit: 100 });
    if (page.kind !== 'succeeded') throw new Error(`walking the orders alone: ${page.kind}`);
    pageToken = page.value.nextPageToken;
  } while (pageToken);
  return { seconds: (Date.now() - started) / 1000, calls };
}

/** `size` transactions authorized at the sandbox and in Kessai; every second one captured through Kessai. */
async function seed(
  deps: BenchDependencies,
  paymentServiceId: string,
  merchantAccountId: string,
  size: number,
  createOrder: (amount: number) => Promise<string>,
): Promise<string[]> {
  const capture = new CaptureTransaction(deps);
  const orderIds: string[] = [];
  let next = 0;
  const worker = async () => {
    while (next < size) {
      const i = next++;
      const amount = 1000 + (i % 5000);
      const now = new Date();
      const orderId = await createOrder(amount);
      orderIds.push(orderId);
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
  return orderIds;
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
