import { randomUUID } from 'node:crypto';
import { SMARTPAY_CAPABILITIES } from '../../connectors/capability-profile';
import { IdempotencyKeyHeldError } from '../../errors';
import type { IdempotencyClaim, IdempotencyStore } from '../../transactions/ports/idempotency-store';
import type { TransactionRepository } from '../../transactions/ports/transaction-repository';
import type { AnsweredWebhooks, WebhookInbox } from '../../transactions/ports/webhook-inbox';
import type { Transaction } from '../../transactions/transaction';
import { capturesOf } from '../../transactions/transaction-state';
import { authorizedTransaction } from '../fixtures';

export interface TransactionRequestWritesHarness {
  repository: TransactionRepository;
  /** The store the API keeps the other requests' keys in: it must see the keys the repository writes. */
  idempotency: IdempotencyStore;
  /** The webhook inbox of the same storage: it must see the messages the repository marks processed. */
  inbox: WebhookInbox;
  close?: () => Promise<void>;
}

/**
 * What a TransactionRepository writes for the request an update serves (`RequestWrites`): the key with the change,
 * the answer with the change, each alone when the change writes nothing, and no write at all under a key another
 * request holds; and the provider webhooks a change answers, marked processed with it. Run it with the idempotency
 * store and the webhook inbox of the same storage.
 */
export function describeTransactionRequestWritesContract(
  name: string,
  makeHarness: () => Promise<TransactionRequestWritesHarness>,
): void {
  describe(`${name} (TransactionRepository request writes contract)`, () => {
    let harness: TransactionRequestWritesHarness;
    let merchant: string;
    const now = new Date();
    const answer = { statusCode: 200, body: '{"captured":1}', headers: { 'content-type': 'application/json' } };
    beforeEach(async () => {
      harness = await makeHarness();
      merchant = `m-${randomUUID().slice(0, 8)}`;
    });
    afterEach(async () => {
      await harness.close?.();
    });
    const claimOf = (fingerprint = 'f-1'): IdempotencyClaim & { times: number } => {
      const claim = {
        scope: { merchantAccountId: merchant, key: `k-${randomUUID()}` },
        fingerprint,
        now,
        leaseMs: 60_000,
        times: 0,
        taken: () => {
          claim.times++;
        },
      };
      return claim;
    };
    const added = async () => {
      const tx = authorizedTransaction(now, { merchantAccountId: merchant, amount: 5_000 });
      await harness.repository.add(tx);
      return tx;
    };
    const reserve = (amount: number) => (t: Transaction) =>
      t.reserveCapture({ captureId: randomUUID(), amount, final: false }, SMARTPAY_CAPABILITIES, now);

    it('takes the key with the change, and keeps the answer with the next', async () => {
      const tx = await added();
      const claim = claimOf();
      await harness.repository.update(merchant, tx.id, reserve(1_000), { claim });
      expect(claim.times).toBe(1);
      expect(await harness.idempotency.begin(claim.scope, claim.fingerprint, now, 60_000)).toEqual({
        kind: 'in_flight',
      });
      const captureId = capturesOf((await harness.repository.get(merchant, tx.id))?.state ?? tx.state)[0]?.id ?? '';
      const seen: number[] = [];
      await harness.repository.update(
        merchant,
        tx.id,
        (t) => t.recordCaptureOutcome(captureId, { kind: 'succeeded', value: { providerCaptureId: 'p-1' } }, now),
        {
          answer: {
            claim,
            of: (t) => {
              seen.push(t.summary().capturedAmount);
              return answer;
            },
          },
        },
      );
      expect(seen.at(-1)).toBe(1_000);
      expect(await harness.idempotency.begin(claim.scope, claim.fingerprint, now, 60_000)).toEqual({
        kind: 'replay',
        response: answer,
      });
    });

    it('writes nothing under a key another request holds, answered or running, whatever its body', async () => {
      const tx = await added();
      for (const other of ['f-1', 'f-2']) {
        const claim = claimOf('f-1');
        await harness.idempotency.begin(claim.scope, other, now, 60_000);
        await expect(harness.repository.update(merchant, tx.id, reserve(1_000), { claim })).rejects.toBeInstanceOf(
          IdempotencyKeyHeldError,
        );
        expect(claim.times).toBe(0);
      }
      const answered = claimOf();
      await harness.idempotency.begin(answered.scope, answered.fingerprint, now, 60_000);
      await harness.idempotency.complete(answered.scope, answered.fingerprint, answer, now);
      await expect(
        harness.repository.update(merchant, tx.id, reserve(1_000), { claim: answered }),
      ).rejects.toBeInstanceOf(IdempotencyKeyHeldError);
      const stored = await harness.repository.get(merchant, tx.id);
      expect(stored?.version).toBe(1);
      expect(capturesOf(stored?.state ?? tx.state)).toEqual([]);
    });

    it('takes the key, and keeps the answer, alone when the change writes nothing', async () => {
      const tx = await added();
      const claim = claimOf();
      await harness.repository.update(merchant, tx.id, () => undefined, { claim });
      expect(claim.times).toBe(1);
      expect((await harness.idempotency.begin(claim.scope, claim.fingerprint, now, 60_000)).kind).toBe('in_flight');
      await harness.repository.update(merchant, tx.id, () => undefined, { answer: { claim, of: () => answer } });
      expect(await harness.idempotency.begin(claim.scope, claim.fingerprint, now, 60_000)).toEqual({
        kind: 'replay',
        response: answer,
      });
      expect((await harness.repository.get(merchant, tx.id))?.version).toBe(1);
    });

    it('lets the same request take over a key whose lease ran out (its process died mid-call)', async () => {
      const tx = await added();
      const claim = claimOf();
      await harness.idempotency.begin(claim.scope, claim.fingerprint, new Date(now.getTime() - 120_000), 60_000);
      await harness.repository.update(merchant, tx.id, reserve(500), { claim });
      expect(claim.times).toBe(1);
      expect((await harness.repository.get(merchant, tx.id))?.summary().capturedAmount).toBe(0);
      expect(capturesOf((await harness.repository.get(merchant, tx.id))?.state ?? tx.state)).toHaveLength(1);
    });

    describe('the provider webhooks a change answers', () => {
      const at = (s: number) => new Date(now.getTime() + s * 1_000);
      const record = async (order: string, receivedAt: Date) => {
        const id = randomUUID();
        await harness.inbox.record({
          id,
          paymentServiceId: service,
          merchantAccountId: merchant,
          eventId: `evt_${id}`,
          eventType: 'order.authorized',
          providerOrderId: order,
          rawBody: '{}',
          receivedAt,
        });
        return id;
      };
      const service = randomUUID();
      let order: string;
      let ids: { answered: string; earlier: string; later: string; otherOrder: string };
      beforeEach(async () => {
        order = `order_${randomUUID()}`;
        ids = {
          answered: await record(order, at(3)),
          earlier: await record(order, at(1)),
          later: await record(order, at(5)),
          otherOrder: await record(`order_${randomUUID()}`, at(1)),
        };
      });
      const answeredBy = (upTo: Date): AnsweredWebhooks => ({
        id: ids.answered,
        paymentServiceId: service,
        providerOrderId: order,
        receivedUpTo: upTo,
        now: at(10),
      });
      const processed = async () => {
        const marked: string[] = [];
        for (const [name, id] of Object.entries(ids)) if ((await harness.inbox.get(id))?.processedAt) marked.push(name);
        return marked.sort();
      };
      const told = () => {
        const calls = { times: 0, marked: () => calls.times++ };
        return calls;
      };

      it('marks them processed with the change that answers them, and tells so', async () => {
        const tx = await added();
        const calls = told();
        const seen: number[] = [];
        const webhooks = {
          of: (t: Transaction) => {
            seen.push(capturesOf(t.state).length);
            return answeredBy(at(2));
          },
          marked: calls.marked,
        };
        await harness.repository.update(merchant, tx.id, reserve(1_000), { webhooks });
        expect(seen.at(-1)).toBe(1);
        expect(calls.times).toBe(1);
        // The message answered whatever its receipt time, those of its order received up to the point, no other.
        expect(await processed()).toEqual(['answered', 'earlier']);
        expect((await harness.inbox.get(ids.answered))?.processedAt).toEqual(at(10));
        expect((await harness.inbox.pending(10_000)).map((m) => m.id)).toEqual(
          expect.arrayContaining([ids.later, ids.otherOrder]),
        );
      });

      it('leaves them when the change writes nothing, or answers none', async () => {
        const tx = await added();
        const calls = told();
        await harness.repository.update(merchant, tx.id, () => undefined, {
          webhooks: { of: () => answeredBy(at(9)), marked: calls.marked },
        });
        await harness.repository.update(merchant, tx.id, reserve(1_000), {
          webhooks: { of: () => undefined, marked: calls.marked },
        });
        expect(calls.times).toBe(0);
        expect(await processed()).toEqual([]);
      });

      it('marks none when the write is refused', async () => {
        const tx = await added();
        const calls = told();
        const webhooks = { of: () => answeredBy(at(9)), marked: calls.marked };
        await expect(harness.repository.update(merchant, tx.id, reserve(99_999), { webhooks })).rejects.toThrow();
        const held = claimOf();
        await harness.idempotency.begin(held.scope, 'another body', now, 60_000);
        await expect(
          harness.repository.update(merchant, tx.id, reserve(1_000), { claim: held, webhooks }),
        ).rejects.toBeInstanceOf(IdempotencyKeyHeldError);
        expect(calls.times).toBe(0);
        expect(await processed()).toEqual([]);
      });
    });
  });
}
