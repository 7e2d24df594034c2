import { randomBytes } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KnexApiKeyRegistry } from '@kessai/adapters-postgres';
import { createTestDatabase, type TestDatabase } from '@kessai/adapters-postgres/testing';
import { registerNewKey, signToken } from '@kessai/api';
import { type RunningSandbox, startSandbox } from '@kessai/smartpay-sandbox';
import { type ApiProcess, startApiProcess } from './api-process';
import { eventually } from './eventually';
import { freePort } from './free-port';
import { createTransactionBody } from './requests';

// biome-ignore lint/suspicious/noExplicitAny: responses are read field by field
export type Reply = { status: number; body: any };

/**
 * Two Kessai API processes (`a`, `b`) on one fresh PostgreSQL database, both talking to one Smartpay sandbox, with
 * a merchant key and a Smartpay connection: the stage of the multi-process reliability suites.
 */
export class KessaiProcesses {
  /** Every secret the cluster handed out, for checking that none reaches the logs. */
  readonly secrets: string[] = [];

  private constructor(
    readonly db: TestDatabase,
    readonly sandbox: RunningSandbox,
    readonly logFile: string,
    private readonly env: Record<string, string>,
    private readonly token: string,
    public a: ApiProcess,
    public b: ApiProcess,
  ) {}

  static async start(): Promise<KessaiProcesses> {
    const db = await createTestDatabase({ migrated: false });
    const sandbox = await startSandbox({ port: 0 });
    const logFile = join(await mkdtemp(join(tmpdir(), 'kessai-logs-')), 'api.log');
    const [portA, portB] = [await freePort(), await freePort()];
    const encryptionKey = randomBytes(32).toString('base64');
    const env = {
      STORAGE: 'postgres',
      DATABASE_URL: db.connectionString,
      SMARTPAY_API_BASE: sandbox.apiBase,
      SMARTPAY_TIMEOUT_MS: '1500',
      KESSAI_ENCRYPTION_KEY: encryptionKey,
      LOG_LEVEL: 'info',
      HOST: '127.0.0.1',
      VALIDATE_RESPONSES: 'true',
      // The suites' merchant-webhook receiver listens on loopback.
      MERCHANT_WEBHOOKS_ALLOW_PRIVATE_TARGETS: 'true',
    };
    const a = await startApiProcess(
      { ...env, PORT: String(portA), PUBLIC_BASE_URL: `http://127.0.0.1:${portA}` },
      logFile,
    );
    const b = await startApiProcess(
      { ...env, PORT: String(portB), PUBLIC_BASE_URL: `http://127.0.0.1:${portB}` },
      logFile,
    );
    const keys = await registerNewKey(new KnexApiKeyRegistry(db.knex), ['default']);
    const token = await signToken(keys.privateJwk, { scopes: ['*.read', '*.write'], expiresInSeconds: 3600 });
    const cluster = new KessaiProcesses(db, sandbox, logFile, env, token, a, b);
    const secretKey = `sk_test_${randomBytes(8).toString('hex')}`;
    cluster.secrets.push(secretKey, token, keys.privateJwk.d ?? '', encryptionKey);
    const service = await cluster.call(a, 'POST', '/payment-services', { secret_key: secretKey });
    if (service.status !== 201) throw new Error(`connection setup failed: ${JSON.stringify(service.body)}`);
    return cluster;
  }

  async call(
    api: ApiProcess,
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<Reply> {
    const response = await fetch(`${api.url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${this.token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...headers,
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined };
  }

  /** Created through `a`, approved by the buyer at the sandbox, seen authorized through `b`. */
  async authorized(amount: number): Promise<{ id: string; orderId: string }> {
    const created = await this.call(this.a, 'POST', '/transactions', createTransactionBody({ amount, cart_items: [] }));
    this.sandbox.control.approve(created.body.additional_identifiers.payment_service_checkout_session_id);
    await eventually(
      () => this.call(this.b, 'GET', `/transactions/${created.body.id}`),
      (r) => r.body.status === 'authorization_succeeded',
    );
    return { id: created.body.id as string, orderId: created.body.payment_service_transaction_id as string };
  }

  /** The transaction after a sync, and the sandbox's totals for its order. */
  async totalsAfterSync(id: string, orderId: string) {
    const synced = await this.call(this.b, 'POST', `/transactions/${id}/sync`);
    return { transaction: synced.body, sandbox: this.sandbox.control.order(orderId).totals };
  }

  /**
   * Until every webhook Smartpay has sent is answered and processed (connector webhooks are processed in the
   * process that received them: the inbox tells) and no sync job waits in the durable queue.
   */
  async backgroundIdle(): Promise<void> {
    await this.sandbox.control.waitForWebhooks(20_000);
    await eventually(
      async () =>
        Number(
          (
            await this.db.knex.raw<{ rows: Array<{ n: string }> }>(
              `select (select count(*) from webhook_inbox where processed_at is null and attempts = 0)
                + (select count(*) from graphile_worker.jobs
                    where task_identifier in ('process-webhook', 'sync-transaction')
                      and run_at <= now() + interval '1 second' and attempts < max_attempts) as n`,
            )
          ).rows[0]?.n ?? 0,
        ),
      (waiting) => waiting === 0,
      20_000,
    );
  }

  /** Starts `b` again on its port after it was killed. */
  async restartB(): Promise<void> {
    const port = new URL(this.b.url).port;
    this.b = await startApiProcess({ ...this.env, PORT: port, PUBLIC_BASE_URL: this.b.url }, this.logFile);
  }

  async stop(): Promise<void> {
    await this.a.kill();
    await this.b.kill();
    await this.sandbox.stop();
    await this.db.drop();
  }
}
