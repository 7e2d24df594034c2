import { IDEMPOTENCY_TTL_MS } from '../../retention/retention-policy';
import type { IdempotencyStore, StoredResponse } from '../../transactions/ports/idempotency-store';

export interface IdempotencyStoreHarness {
  store: IdempotencyStore;
  close?: () => Promise<void>;
}

const response: StoredResponse = {
  statusCode: 201,
  body: '{"type":"transaction"}',
  headers: { 'content-type': 'application/json' },
};

/** The behaviour every IdempotencyStore must show (Gr4vy/Stripe semantics, see ports/idempotency-store.ts). */
export function describeIdempotencyStoreContract(
  name: string,
  makeHarness: () => Promise<IdempotencyStoreHarness>,
): void {
  describe(`${name} (IdempotencyStore contract)`, () => {
    let harness: IdempotencyStoreHarness;
    let scope: { merchantAccountId: string; key: string };
    const now = new Date('2026-03-01T10:00:00.000Z');
    const later = (ms: number) => new Date(now.getTime() + ms);
    beforeEach(async () => {
      harness = await makeHarness();
      scope = { merchantAccountId: `m-${Math.random().toString(36).slice(2, 10)}`, key: `key-${Math.random()}` };
    });
    afterEach(async () => {
      await harness.close?.();
    });
    const store = () => harness.store;

    it('starts a new key, reports it in flight, then replays the stored response', async () => {
      expect(await store().begin(scope, 'fp', now, 30_000)).toEqual({ kind: 'started' });
      expect(await store().begin(scope, 'fp', later(1), 30_000)).toEqual({ kind: 'in_flight' });
      await store().complete(scope, 'fp', response, later(2));
      expect(await store().begin(scope, 'fp', later(3), 30_000)).toEqual({ kind: 'replay', response });
    });

    it('looks at a key without taking it: absent, in flight, replay, mismatch, absent again past its lease', async () => {
      expect(await store().look(scope, 'fp', now)).toEqual({ kind: 'absent' });
      expect(await store().look(scope, 'fp', now)).toEqual({ kind: 'absent' });
      await store().begin(scope, 'fp', now, 1_000);
      expect(await store().look(scope, 'fp', later(1))).toEqual({ kind: 'in_flight' });
      expect(await store().look(scope, 'fp-2', later(1))).toEqual({ kind: 'mismatch' });
      expect(await store().look(scope, 'fp', later(1_001))).toEqual({ kind: 'absent' });
      await store().complete(scope, 'fp', response, later(2));
      expect(await store().look(scope, 'fp', later(3))).toEqual({ kind: 'replay', response });
      expect(await store().look(scope, 'fp', later(IDEMPOTENCY_TTL_MS + 1))).toEqual({ kind: 'absent' });
    });

    it('refuses the same key with a different request, in flight or completed', async () => {
      await store().begin(scope, 'fp-1', now, 30_000);
      expect(await store().begin(scope, 'fp-2', later(1), 30_000)).toEqual({ kind: 'mismatch' });
      await store().complete(scope, 'fp-1', response, later(2));
      expect(await store().begin(scope, 'fp-2', later(3), 30_000)).toEqual({ kind: 'mismatch' });
    });

    it('scopes keys per merchant account', async () => {
      await store().begin(scope, 'fp', now, 30_000);
      expect(
        await store().begin({ ...scope, merchantAccountId: `${scope.merchantAccountId}-b` }, 'fp-x', now, 30_000),
      ).toEqual({ kind: 'started' });
    });

    it('lets a new holder take over when the in-flight lease has run out (crashed request)', async () => {
      await store().begin(scope, 'fp', now, 1_000);
      expect(await store().begin(scope, 'fp', later(1_001), 1_000)).toEqual({ kind: 'started' });
      expect(await store().begin(scope, 'fp', later(1_002), 1_000)).toEqual({ kind: 'in_flight' });
    });

    it('forgets a released key, but never a completed one', async () => {
      await store().begin(scope, 'fp', now, 30_000);
      await store().release(scope);
      expect(await store().begin(scope, 'fp-other', later(1), 30_000)).toEqual({ kind: 'started' });
      await store().complete(scope, 'fp-other', response, later(2));
      await store().release(scope);
      expect(await store().begin(scope, 'fp-other', later(3), 30_000)).toEqual({ kind: 'replay', response });
    });

    it('expires keys after 24 hours', async () => {
      await store().begin(scope, 'fp', now, 30_000);
      await store().complete(scope, 'fp', response, later(1));
      expect((await store().begin(scope, 'fp', later(IDEMPOTENCY_TTL_MS - 1000), 30_000)).kind).toBe('replay');
      expect(await store().begin(scope, 'fp-new', later(IDEMPOTENCY_TTL_MS + 1000), 30_000)).toEqual({
        kind: 'started',
      });
    });

    it('prunes keys created before a time, completed or in flight, at most `limit` at a time, and keeps younger ones', async () => {
      // Long before the other tests' keys, so a shared database holds no other key this old.
      const old = new Date('2020-01-01T00:00:00.000Z');
      const oldScopes = [1, 2, 3].map((n) => ({ ...scope, key: `${scope.key}-old-${n}` }));
      for (const [n, oldScope] of oldScopes.entries())
        await store().begin(oldScope, 'fp', new Date(old.getTime() + n), 30_000);
      const [completed = scope] = oldScopes;
      await store().complete(completed, 'fp', response, new Date(old.getTime() + 10));
      const young = { ...scope, key: `${scope.key}-young` };
      await store().begin(young, 'fp', new Date(old.getTime() + 1_000), 30_000);
      await store().complete(young, 'fp', response, new Date(old.getTime() + 1_001));
      const before = new Date(old.getTime() + 1_000);
      expect(await store().prune(before, 2)).toBe(2);
      expect(await store().prune(before, 2)).toBe(1);
      expect(await store().prune(before, 2)).toBe(0);
      // Pruned keys are gone (another request may take them); the younger one still replays.
      for (const oldScope of oldScopes)
        expect(await store().begin(oldScope, 'fp-other', new Date(old.getTime() + 2_000), 30_000)).toEqual({
          kind: 'started',
        });
      expect(await store().begin(young, 'fp', new Date(old.getTime() + 2_000), 30_000)).toEqual({
        kind: 'replay',
        response,
      });
    });

    it('lets exactly one of many concurrent first requests start', async () => {
      const results = await Promise.all(Array.from({ length: 20 }, () => store().begin(scope, 'fp', now, 30_000)));
      expect(results.filter((r) => r.kind === 'started')).toHaveLength(1);
      expect(results.filter((r) => r.kind === 'in_flight')).toHaveLength(19);
    });
  });
}
