import { randomUUID } from 'node:crypto';
import type { Buyer, BuyerShippingDetails } from '../../buyers/buyer';
import type { BuyerRepository } from '../../buyers/buyer-repository';
import { BuyerExternalIdentifierTakenError, BuyerNotFoundError } from '../../errors';

export interface BuyerRepositoryHarness {
  repository: BuyerRepository;
  close?: () => Promise<void>;
}

const at = (minute: number) => new Date(Date.UTC(2026, 0, 1, 0, minute));

function buyer(merchantAccountId: string, overrides: Partial<Buyer> = {}): Buyer {
  return {
    id: randomUUID(),
    merchantAccountId,
    displayName: 'Hanako Yamada',
    externalIdentifier: null,
    accountNumber: null,
    billingDetails: {
      firstName: 'Hanako',
      lastName: 'Yamada',
      emailAddress: 'Hanako@example.jp',
      phoneNumber: null,
      address: { line1: '1-2-3', line2: null, city: 'Shibuya-ku', state: 'Tokyo', postalCode: '150', country: 'JP' },
    },
    createdAt: at(0),
    updatedAt: at(0),
    ...overrides,
  };
}

function shipping(owner: Buyer, overrides: Partial<BuyerShippingDetails> = {}): BuyerShippingDetails {
  return {
    id: randomUUID(),
    buyerId: owner.id,
    merchantAccountId: owner.merchantAccountId,
    firstName: 'Hanako',
    lastName: null,
    emailAddress: null,
    phoneNumber: null,
    address: null,
    createdAt: at(1),
    updatedAt: at(1),
    ...overrides,
  };
}

export function describeBuyerRepositoryContract(
  name: string,
  makeHarness: () => Promise<BuyerRepositoryHarness>,
): void {
  describe(`${name} (BuyerRepository contract)`, () => {
    let harness: BuyerRepositoryHarness;
    let merchant: string;
    beforeEach(async () => {
      harness = await makeHarness();
      merchant = `m-${Math.random().toString(36).slice(2, 10)}`;
    });
    afterEach(async () => {
      await harness.close?.();
    });

    it('stores, scopes, updates and removes a buyer with its shipping details', async () => {
      const stored = buyer(merchant, { externalIdentifier: 'cust-1' });
      await harness.repository.add(stored);
      expect(await harness.repository.get(merchant, stored.id)).toEqual(stored);
      expect(await harness.repository.get(`${merchant}-other`, stored.id)).toBeUndefined();
      expect(await harness.repository.findByExternalIdentifier(merchant, 'cust-1')).toEqual(stored);
      const renamed = { ...stored, displayName: 'H. Yamada', billingDetails: null, updatedAt: at(5) };
      await harness.repository.update(renamed);
      expect(await harness.repository.get(merchant, stored.id)).toEqual(renamed);

      const first = shipping(stored);
      const second = shipping(stored, { createdAt: at(2), updatedAt: at(2), firstName: 'Taro' });
      await harness.repository.addShippingDetails(second);
      await harness.repository.addShippingDetails(first);
      expect(await harness.repository.listShippingDetails(merchant, stored.id)).toEqual([first, second]);
      const address = { line1: 'x', line2: null, city: 'Minato', state: 'Tokyo', postalCode: '1', country: 'JP' };
      await harness.repository.updateShippingDetails({ ...first, address, updatedAt: at(3) });
      expect((await harness.repository.getShippingDetails(merchant, stored.id, first.id))?.address).toEqual(address);
      expect(await harness.repository.getShippingDetails(`${merchant}-other`, stored.id, first.id)).toBeUndefined();
      expect(await harness.repository.removeShippingDetails(merchant, stored.id, second.id)).toBe(true);
      expect(await harness.repository.removeShippingDetails(merchant, stored.id, second.id)).toBe(false);

      expect(await harness.repository.remove(`${merchant}-other`, stored.id)).toBe(false);
      expect(await harness.repository.remove(merchant, stored.id)).toBe(true);
      expect(await harness.repository.get(merchant, stored.id)).toBeUndefined();
      expect(await harness.repository.listShippingDetails(merchant, stored.id)).toEqual([]);
    });

    it('refuses shipping details for a buyer that is not there, or removed while they are added', async () => {
      const stranger = buyer(`${merchant}-other`);
      await harness.repository.add(stranger);
      await expect(harness.repository.addShippingDetails(shipping(buyer(merchant)))).rejects.toBeInstanceOf(
        BuyerNotFoundError,
      );
      await expect(
        harness.repository.addShippingDetails({ ...shipping(stranger), merchantAccountId: merchant }),
      ).rejects.toBeInstanceOf(BuyerNotFoundError);
      const outcomes = await Promise.all(
        Array.from({ length: 30 }, async () => {
          const racing = buyer(merchant);
          await harness.repository.add(racing);
          const [added] = await Promise.allSettled([
            harness.repository.addShippingDetails(shipping(racing)),
            harness.repository.remove(merchant, racing.id),
          ]);
          return added.status === 'fulfilled' ? 'added' : added.reason;
        }),
      );
      for (const outcome of outcomes) if (outcome !== 'added') expect(outcome).toBeInstanceOf(BuyerNotFoundError);
    });

    it('keeps external identifiers unique per merchant, naming the buyer that holds one', async () => {
      const holder = buyer(merchant, { externalIdentifier: 'cust-1' });
      await harness.repository.add(holder);
      const taken = { code: 'buyer_external_identifier_taken', externalIdentifier: 'cust-1', holderId: holder.id };
      await expect(harness.repository.add(buyer(merchant, { externalIdentifier: 'cust-1' }))).rejects.toMatchObject(
        taken,
      );
      await harness.repository.add(buyer(`${merchant}-other`, { externalIdentifier: 'cust-1' }));
      const other = buyer(merchant, { externalIdentifier: 'cust-2' });
      await harness.repository.add(other);
      await expect(harness.repository.update({ ...other, externalIdentifier: 'cust-1' })).rejects.toMatchObject(taken);
      await harness.repository.update({ ...holder, displayName: 'kept its own identifier' });
      await harness.repository.add(buyer(merchant));
      await harness.repository.add(buyer(merchant));
    });

    it('stores exactly one of many buyers added at once with the same external identifier', async () => {
      const racing = Array.from({ length: 20 }, () => buyer(merchant, { externalIdentifier: 'cust-race' }));
      const outcomes = await Promise.allSettled(racing.map((b) => harness.repository.add(b)));
      const stored = await harness.repository.findByExternalIdentifier(merchant, 'cust-race');
      expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
      for (const outcome of outcomes)
        if (outcome.status === 'rejected') {
          expect(outcome.reason).toBeInstanceOf(BuyerExternalIdentifierTakenError);
          expect(outcome.reason).toMatchObject({ externalIdentifier: 'cust-race', holderId: stored?.id });
        }
    });

    it('lists newest updated first, pages with cursors, filters by external identifier and search', async () => {
      const buyers = [0, 1, 2].map((i) =>
        buyer(merchant, { externalIdentifier: `c-${i}`, displayName: `Buyer ${i}`, updatedAt: at(10 + i) }),
      );
      for (const b of buyers) await harness.repository.add(b);
      const first = await harness.repository.list(merchant, { limit: 2 });
      expect(first.items.map((b) => b.externalIdentifier)).toEqual(['c-2', 'c-1']);
      const second = await harness.repository.list(merchant, { limit: 2, cursor: first.nextCursor ?? '' });
      expect(second.items.map((b) => b.externalIdentifier)).toEqual(['c-0']);
      expect(second.nextCursor).toBeNull();
      const byId = await harness.repository.list(merchant, { limit: 10, externalIdentifier: 'c-1' });
      expect(byId.items.map((b) => b.id)).toEqual([buyers[1]?.id]);
      const byName = await harness.repository.list(merchant, { limit: 10, search: 'buyer 0' });
      expect(byName.items.map((b) => b.id)).toEqual([buyers[0]?.id]);
      const byEmail = await harness.repository.list(merchant, { limit: 10, search: 'hanako@EXAMPLE.jp' });
      expect(byEmail.items).toHaveLength(3);
    });
  });
}
