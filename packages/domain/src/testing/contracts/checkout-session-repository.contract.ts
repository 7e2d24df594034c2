import { randomUUID } from 'node:crypto';
import type { CheckoutSession } from '../../checkout-sessions/checkout-session';
import type { CheckoutSessionRepository } from '../../checkout-sessions/checkout-session-repository';

export interface CheckoutSessionRepositoryHarness {
  repository: CheckoutSessionRepository;
  close?: () => Promise<void>;
}

const at = (minute: number) => new Date(Date.UTC(2026, 0, 1, 0, minute));

export function newCheckoutSession(
  merchantAccountId: string,
  overrides: Partial<CheckoutSession> = {},
): CheckoutSession {
  return {
    id: randomUUID(),
    merchantAccountId,
    amount: 1200,
    currency: 'JPY',
    cartItems: [{ name: 'Matcha', quantity: 2, unitAmount: 500, discountAmount: 0, taxAmount: 200, sku: 'M-1' }],
    metadata: { order: 'A-1' },
    buyer: {
      displayName: 'Hanako Yamada',
      externalIdentifier: null,
      accountNumber: null,
      billingDetails: null,
      shippingDetails: {
        firstName: 'Hanako',
        lastName: 'Yamada',
        emailAddress: 'hanako@example.jp',
        phoneNumber: null,
        address: {
          line1: '1-2-3',
          line2: null,
          city: 'Shibuya-ku',
          state: 'Tokyo',
          postalCode: '150-0002',
          country: 'JP',
        },
      },
    },
    paymentServiceId: null,
    expiresAt: at(60),
    transactionId: null,
    createdAt: at(0),
    updatedAt: at(0),
    ...overrides,
  };
}

export function describeCheckoutSessionRepositoryContract(
  name: string,
  makeHarness: () => Promise<CheckoutSessionRepositoryHarness>,
): void {
  describe(`${name} (CheckoutSessionRepository contract)`, () => {
    let harness: CheckoutSessionRepositoryHarness;
    let merchant: string;
    beforeEach(async () => {
      harness = await makeHarness();
      merchant = `m-${Math.random().toString(36).slice(2, 10)}`;
    });
    afterEach(async () => {
      await harness.close?.();
    });

    it('keeps what it was given and shows it to its merchant account only', async () => {
      const session = newCheckoutSession(merchant);
      await harness.repository.add(session);
      expect(await harness.repository.get(merchant, session.id)).toEqual(session);
      expect(await harness.repository.get('another', session.id)).toBeUndefined();
    });

    it('keeps a session with nothing set but its expiry', async () => {
      const bare = newCheckoutSession(merchant, {
        amount: null,
        currency: null,
        cartItems: null,
        metadata: null,
        buyer: null,
      });
      await harness.repository.add(bare);
      expect(await harness.repository.get(merchant, bare.id)).toEqual(bare);
    });

    it('updates the fields and expiry, never the attached transaction; another merchant updates nothing', async () => {
      const session = newCheckoutSession(merchant);
      await harness.repository.add(session);
      const transactionId = randomUUID();
      await harness.repository.claimTransaction(merchant, session.id, transactionId);
      const changed = { ...session, amount: 900, metadata: null, expiresAt: at(90), updatedAt: at(5) };
      expect(await harness.repository.update({ ...changed, merchantAccountId: 'another' })).toBe(false);
      expect(await harness.repository.update(changed)).toBe(true);
      expect(await harness.repository.get(merchant, session.id)).toEqual({ ...changed, transactionId });
      expect(await harness.repository.update(newCheckoutSession(merchant))).toBe(false);
    });

    it('removes a session of its merchant account only', async () => {
      const session = newCheckoutSession(merchant);
      await harness.repository.add(session);
      expect(await harness.repository.remove('another', session.id)).toBe(false);
      expect(await harness.repository.remove(merchant, session.id)).toBe(true);
      expect(await harness.repository.get(merchant, session.id)).toBeUndefined();
      expect(await harness.repository.remove(merchant, session.id)).toBe(false);
    });

    it('of racing claims one wins and every claimer is told the winner', async () => {
      const session = newCheckoutSession(merchant);
      await harness.repository.add(session);
      const claims = Array.from({ length: 6 }, () => randomUUID());
      const held = await Promise.all(claims.map((id) => harness.repository.claimTransaction(merchant, session.id, id)));
      const winner = held[0];
      expect(claims).toContain(winner);
      expect(new Set(held)).toEqual(new Set([winner]));
      expect((await harness.repository.get(merchant, session.id))?.transactionId).toBe(winner);
      expect(await harness.repository.claimTransaction(merchant, randomUUID(), randomUUID())).toBeUndefined();
      expect(await harness.repository.claimTransaction('another', session.id, randomUUID())).toBeUndefined();
    });

    it('prunes sessions expired before the cutoff, oldest first, a batch at a time', async () => {
      const old = newCheckoutSession(merchant, { expiresAt: at(1) });
      const older = newCheckoutSession(merchant, { expiresAt: at(0) });
      const live = newCheckoutSession(merchant, { expiresAt: at(30) });
      for (const session of [old, older, live]) await harness.repository.add(session);
      expect(await harness.repository.prune(at(10), 1)).toBe(1);
      expect(await harness.repository.get(merchant, older.id)).toBeUndefined();
      expect(await harness.repository.get(merchant, old.id)).toBeDefined();
      expect(await harness.repository.prune(at(10), 10)).toBeGreaterThanOrEqual(1);
      expect(await harness.repository.get(merchant, old.id)).toBeUndefined();
      expect(await harness.repository.get(merchant, live.id)).toEqual(live);
    });

    it('releases a claim only for the transaction that holds it', async () => {
      const session = newCheckoutSession(merchant);
      await harness.repository.add(session);
      const first = randomUUID();
      await harness.repository.claimTransaction(merchant, session.id, first);
      await harness.repository.releaseTransaction(merchant, session.id, randomUUID());
      expect((await harness.repository.get(merchant, session.id))?.transactionId).toBe(first);
      await harness.repository.releaseTransaction(merchant, session.id, first);
      const second = randomUUID();
      expect(await harness.repository.claimTransaction(merchant, session.id, second)).toBe(second);
    });
  });
}
