import { randomUUID } from 'node:crypto';
import {
  CaptureExceedsAuthorizedError,
  capturesOf,
  InvalidStateTransitionError,
  NothingToCaptureError,
  SMARTPAY_CAPABILITIES,
} from '@kessai/domain';
import { authorizedTransaction, pendingApprovalTransaction, providerSnapshot } from '@kessai/domain/testing';
import { connectPostgres } from '../connect';
import { createTestDatabase, type TestDatabase } from '../testing/test-database';
import { KnexTransactionRepository } from './knex-transaction-repository';
import type { PgConnection } from './pooled-connection';

/**
 * `update` decides on the state this process last saw and writes it in one round trip. Two repositories on one
 * database stand for two API processes: each one's remembered state goes stale when the other writes, and the
 * stored state must still be what decides.
 */
describe('KnexTransactionRepository: updates from a remembered state', () => {
  let db: TestDatabase;
  let here: KnexTransactionRepository;
  let there: KnexTransactionRepository;

  beforeAll(async () => {
    db = await createTestDatabase({ poolMax: 10 });
    here = new KnexTransactionRepository(db.knex);
    there = new KnexTransactionRepository(db.knex);
  }, 60_000);
  afterAll(async () => {
    await db?.drop();
  });

  const capture = (amount: number, final = false) => ({ captureId: randomUUID(), amount, final });
  it('refuses on the stored state what the remembered one would allow (no over-capture)', async () => {
    const tx = authorizedTransaction(new Date(), { merchantAccountId: 'stale-1', amount: 1000 });
    await here.add(tx); // `here` remembers: authorized, nothing captured
    await there.update('stale-1', tx.id, (t) => t.reserveCapture(capture(800), SMARTPAY_CAPABILITIES, new Date()));

    await expect(
      here.update('stale-1', tx.id, (t) => t.reserveCapture(capture(600), SMARTPAY_CAPABILITIES, new Date())),
    ).rejects.toBeInstanceOf(CaptureExceedsAuthorizedError);
    const stored = await there.get('stale-1', tx.id);
    expect(stored && capturesOf(stored.state).map((c) => c.amount)).toEqual([800]);
    expect(stored?.version).toBe(2);
  });

  it('allows on the stored state what the remembered one refused', async () => {
    const tx = pendingApprovalTransaction(new Date(), { merchantAccountId: 'stale-2', amount: 1000 });
    await here.add(tx); // `here` remembers: waiting for the buyer
    const order = tx.summary().providerOrderId ?? '';
    await there.update('stale-2', tx.id, (t) =>
      t.applyProviderSnapshot(providerSnapshot({ providerOrderId: order, amount: 1000 }), new Date()),
    );
    // On the remembered state this throws InvalidTransactionStateError; the stored one is authorized.
    expect(() =>
      pendingApprovalTransaction(new Date()).reserveCapture(capture(500), SMARTPAY_CAPABILITIES, new Date()),
    ).toThrow(InvalidStateTransitionError);
    const { transaction } = await here.update('stale-2', tx.id, (t) =>
      t.reserveCapture(capture(500), SMARTPAY_CAPABILITIES, new Date()),
    );
    expect(transaction.summary()).toMatchObject({ status: 'capture_pending', version: 3 });
  });

  it('keeps the history sequence whole when the remembered state was old', async () => {
    const tx = authorizedTransaction(new Date(), { merchantAccountId: 'stale-3', amount: 5000 });
    await here.add(tx);
    await there.update('stale-3', tx.id, (t) => t.reserveCapture(capture(100), SMARTPAY_CAPABILITIES, new Date()));
    await here.update('stale-3', tx.id, (t) => t.reserveCapture(capture(200), SMARTPAY_CAPABILITIES, new Date()));
    const events = await here.listEvents('stale-3', tx.id, { limit: 100 });
    expect(events.map((e) => e.sequence)).toEqual(events.map((_, i) => i + 1));
    const row = await db.knex('transactions').where({ id: tx.id }).first();
    expect(row).toMatchObject({ version: 3, event_count: events.length, reserved_capture_amount: 300 });
  });

  it('writes in one statement when the remembered state is current, two (lock + load, write + commit) otherwise', async () => {
    // One pooled connection, its queries counted.
    const knex = connectPostgres(db.connectionString, { poolMax: 1 });
    const counted = new KnexTransactionRepository(knex);
    const connection = (await knex.client.acquireConnection()) as PgConnection;
    const query = connection.query.bind(connection);
    let sent = 0;
    connection.query = ((...args: Parameters<typeof query>) => {
      sent++;
      return query(...args);
    }) as typeof query;
    await knex.client.releaseConnection(connection);
    // Each phase's round trips: a current-state write, one on a state another writer moved, a refusal and a no-op.
    const phases = async (merchantAccountId: string): Promise<number[]> => {
      const counts: number[] = [];
      const tx = authorizedTransaction(new Date(), { merchantAccountId, amount: 5000 });
      await counted.add(tx);
      sent = 0;
      await counted.update(merchantAccountId, tx.id, (t) =>
        t.reserveCapture(capture(100), SMARTPAY_CAPABILITIES, new Date()),
      );
      counts.push(sent);
      await there.update(merchantAccountId, tx.id, (t) =>
        t.reserveCapture(capture(100), SMARTPAY_CAPABILITIES, new Date()),
      );
      sent = 0;
      await counted.update(merchantAccountId, tx.id, (t) =>
        t.reserveCapture(capture(100), SMARTPAY_CAPABILITIES, new Date()),
      );
      counts.push(sent);
      const row = await db.knex('transactions').where({ id: tx.id }).first();
      expect(row).toMatchObject({ version: 4, reserved_capture_amount: 300 });
      sent = 0;
      await expect(
        counted.update(merchantAccountId, tx.id, (t) =>
          t.reserveCapture(capture(9_999), SMARTPAY_CAPABILITIES, new Date()),
        ),
      ).rejects.toBeInstanceOf(CaptureExceedsAuthorizedError);
      const { result } = await counted.update(merchantAccountId, tx.id, (t) => t.capturableAmount);
      expect(result).toBe(4_700);
      counts.push(sent);
      expect(await db.knex('transactions').where({ id: tx.id }).first()).toMatchObject({ version: 4 });
      return counts;
    };
    try {
      // The first use of a statement alone on a server connection prepares it there (one round trip more, see
      // sendPreparedThroughPooler); from then on: one write; the refused write, then lock + load, then the write
      // with its commit (one query, see ServerStatements); one read of the stored version for the refusal and one
      // for the no-op, nothing written.
      const first = await phases('fresh-1');
      expect(await phases('fresh-2')).toEqual([1, 3, 2]);
      expect(first.every((count, i) => count >= [1, 3, 2][i]!)).toBe(true);
    } finally {
      await knex.destroy();
    }
  });

  it('stores any text byte for byte through the one-statement write (quotes, backslashes, $n, ?, unicode)', async () => {
    const tx = authorizedTransaction(new Date(), { merchantAccountId: 'verbatim', amount: 5000 });
    const captureId = randomUUID();
    tx.reserveCapture({ captureId, amount: 5000, final: true }, SMARTPAY_CAPABILITIES, new Date());
    tx.recordCaptureOutcome(captureId, { kind: 'succeeded', value: { providerCaptureId: 'payment_x' } }, new Date());
    await here.add(tx);
    const nasty = `O'Reilly "quoted" \\ back\\slash $1 $2 ? :name -- ; DROP TABLE refunds; 日本語 🎌 \\u0000 as text`;
    for (const [i, reason] of [nasty, `${nasty}'`, "''"].entries()) {
      const refundId = randomUUID();
      await here.update('verbatim', tx.id, (t) =>
        t.reserveRefund(
          { refundId, amount: 100, reason, externalIdentifier: `ext-${i}-'"` },
          SMARTPAY_CAPABILITIES,
          new Date(),
        ),
      );
      const stored = (await there.get('verbatim', tx.id))?.refund(refundId);
      expect(stored).toMatchObject({ reason, externalIdentifier: `ext-${i}-'"` });
    }
  });

  it('never over-captures when both repositories race on one transaction (20 trials × 60 reservations)', async () => {
    for (let trial = 0; trial < 20; trial++) {
      const merchant = `race-recent-${trial}`;
      const tx = authorizedTransaction(new Date(), { merchantAccountId: merchant, amount: 10_000 });
      await here.add(tx);
      await there.get(merchant, tx.id); // both remember the same version
      const asked = Array.from({ length: 60 }, () => 1 + Math.floor(Math.random() * 400));
      const settled = await Promise.allSettled(
        asked.map((amount, i) =>
          (i % 2 ? here : there).update(merchant, tx.id, (t) =>
            t.reserveCapture(capture(amount), SMARTPAY_CAPABILITIES, new Date()),
          ),
        ),
      );
      const accepted = asked.filter((_, i) => settled[i]?.status === 'fulfilled');
      for (const outcome of settled)
        if (outcome.status === 'rejected')
          expect([CaptureExceedsAuthorizedError, NothingToCaptureError]).toContain(outcome.reason.constructor);
      const stored = await here.get(merchant, tx.id);
      const reserved = (stored ? capturesOf(stored.state) : []).reduce((sum, c) => sum + c.amount, 0);
      expect(reserved).toBeLessThanOrEqual(10_000);
      expect(reserved).toBe(accepted.reduce((a, b) => a + b, 0));
      const row = await db.knex('transactions').where({ id: tx.id }).first();
      expect(row.reserved_capture_amount).toBe(reserved);
    }
  }, 120_000);

  it('lets one of many racing claims send the rest of a partly made refund (both repositories, 10 rounds × 16 claims)', async () => {
    const start = new Date('2026-03-01T10:00:00Z');
    for (let round = 0; round < 10; round++) {
      const [captureId, refundId] = [randomUUID(), randomUUID()];
      const tx = authorizedTransaction(start, { merchantAccountId: 'rest', amount: 10_000 });
      tx.reserveCapture({ captureId, amount: 10_000, final: true }, SMARTPAY_CAPABILITIES, start);
      tx.recordCaptureOutcome(captureId, { kind: 'succeeded', value: { providerCaptureId: 'p' } }, start);
      tx.reserveRefund({ refundId, amount: 6_000 }, SMARTPAY_CAPABILITIES, start);
      await here.add(tx);
      await there.get('rest', tx.id); // both remember the refund as the reserving call left it
      const later = new Date(start.getTime() + 10 * 60_000);
      const claims = await Promise.all(
        Array.from({ length: 16 }, (_, i) =>
          (i % 2 ? here : there).update('rest', tx.id, (t) => t.claimRefundRest(refundId, 2_000, later, 10 * 60_000)),
        ),
      );
      expect(claims.filter((claim) => claim.result)).toHaveLength(1);
      expect((await here.get('rest', tx.id))?.refund(refundId)?.updatedAt).toEqual(later);
    }
  });
});
