import { randomUUID } from 'node:crypto';
import type { EmbeddedServer } from '@kessai/adapters-postgres';
import { type FakePaymentConnector as Fake, FakePaymentConnector, smartpayService } from '@kessai/domain/testing';
import { onOwnPostgres } from '../../testing/own-postgres';
import { createTransactionBody } from '../../testing/requests';
import { type Kessai, startKessai } from '../../testing/start-kessai';

/**
 * What a money movement with an Idempotency-Key costs PostgreSQL in commits, counted by the transaction ids it
 * assigned (exact; nothing else writes: no worker runs in this process): two, the key riding the reservation and
 * the answer the outcome. A count, never a time. Transaction ids are the cluster's: on a PostgreSQL of its own.
 */
describe('commits per money movement (storage postgres, no worker)', () => {
  let api: Kessai;
  let connector: Fake;
  let server: EmbeddedServer | undefined;
  beforeAll(async () => {
    connector = new FakePaymentConnector();
    ({ kessai: api, server } = await onOwnPostgres('write-commits', () =>
      startKessai({ connector, storage: 'postgres', env: { RUN_WORKER: 'false' } }),
    ));
    await api.services.paymentServices.add(smartpayService({ merchantAccountId: 'default' }));
  }, 60_000);
  afterAll(async () => {
    await api?.close();
    await server?.stop();
  });

  /** The next transaction id PostgreSQL will assign: reading it assigns none. */
  const nextXid = async () => {
    const { rows } = await (api.database?.knex ?? fail('no database')).raw(
      'SELECT txid_snapshot_xmax(txid_current_snapshot())::text AS next',
    );
    return Number(rows[0].next);
  };
  const commitsOf = async (work: () => Promise<unknown>) => {
    const before = await nextXid();
    await work();
    return (await nextXid()) - before;
  };

  async function authorized() {
    const created = await api.call('POST', '/transactions', { body: createTransactionBody() });
    connector.approve(created.body.payment_service_transaction_id);
    return (await api.call('POST', `/transactions/${created.body.id}/sync`)).body;
  }

  it('a capture, a refund and a void each commit twice; a replay at most once, a refused one at most twice', async () => {
    const tx = await authorized();
    const keyed = (key: string) => ({ 'idempotency-key': key });
    const capture = () =>
      api.call('POST', `/transactions/${tx.id}/capture`, {
        body: { amount: 5_000, final: false },
        headers: keyed(`c-${tx.id}`),
      });
    let first: Awaited<ReturnType<typeof capture>> | undefined;
    expect(await commitsOf(async () => (first = await capture()))).toBe(2);
    expect(first?.status).toBe(200);
    let replay: Awaited<ReturnType<typeof capture>> | undefined;
    // The key's claim riding the no-op write is refused (an id assigned, nothing written), then it is only read.
    expect(await commitsOf(async () => (replay = await capture()))).toBeLessThanOrEqual(1);
    expect(replay?.headers.get('idempotent-replayed')).toBe('true');
    expect(JSON.stringify(replay?.body)).toBe(JSON.stringify(first?.body));

    const refund = () =>
      api.call('POST', `/transactions/${tx.id}/refunds`, { body: { amount: 1_000 }, headers: keyed(randomUUID()) });
    expect(await commitsOf(async () => expect((await refund()).status).toBe(201))).toBe(2);
    const over = () =>
      api.call('POST', `/transactions/${tx.id}/refunds`, { body: { amount: 9_999 }, headers: keyed(randomUUID()) });
    expect(await commitsOf(async () => expect((await over()).status).toBe(400))).toBeLessThanOrEqual(2);

    const other = await authorized();
    const voided = () => api.call('POST', `/transactions/${other.id}/void`, { headers: keyed(randomUUID()) });
    expect(await commitsOf(async () => expect((await voided()).status).toBe(200))).toBe(2);
  });
});
