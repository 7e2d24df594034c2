import type { PaymentServiceRepository } from '../../connections/payment-service-repository';
import { DuplicateRecordError } from '../../errors';
import { smartpayService } from '../fixtures';

export interface PaymentServiceRepositoryHarness {
  repository: PaymentServiceRepository;
  close?: () => Promise<void>;
}

export function describePaymentServiceRepositoryContract(
  name: string,
  makeHarness: () => Promise<PaymentServiceRepositoryHarness>,
): void {
  describe(`${name} (PaymentServiceRepository contract)`, () => {
    let harness: PaymentServiceRepositoryHarness;
    let merchant: string;
    beforeEach(async () => {
      harness = await makeHarness();
      merchant = `m-${Math.random().toString(36).slice(2, 10)}`;
    });
    afterEach(async () => {
      await harness.close?.();
    });

    it('stores a connection with its credentials and scopes it to its merchant', async () => {
      const service = smartpayService({ merchantAccountId: merchant });
      await harness.repository.add(service);
      expect(await harness.repository.get(merchant, service.id)).toEqual(service);
      expect(await harness.repository.findById(service.id)).toEqual(service);
      expect(await harness.repository.get(`${merchant}-other`, service.id)).toBeUndefined();
      await expect(harness.repository.add(service)).rejects.toBeInstanceOf(DuplicateRecordError);
    });

    it('lists a merchant’s connections oldest first and picks the oldest active one as default', async () => {
      const inactive = smartpayService({
        merchantAccountId: merchant,
        active: false,
        createdAt: new Date('2026-01-01T00:00:00Z'),
      });
      const older = smartpayService({ merchantAccountId: merchant, createdAt: new Date('2026-01-02T00:00:00Z') });
      const newer = smartpayService({ merchantAccountId: merchant, createdAt: new Date('2026-01-03T00:00:00Z') });
      for (const service of [newer, inactive, older]) await harness.repository.add(service);
      expect((await harness.repository.list(merchant)).map((s) => s.id)).toEqual([inactive.id, older.id, newer.id]);
      expect((await harness.repository.findDefault(merchant, 'smartpay'))?.id).toBe(older.id);
      expect(await harness.repository.findDefault(merchant, 'other-connector')).toBeUndefined();
    });

    it('updates a connection, and never picks a deleted one as default', async () => {
      const first = smartpayService({ merchantAccountId: merchant, createdAt: new Date('2026-01-01T00:00:00Z') });
      const second = smartpayService({ merchantAccountId: merchant, createdAt: new Date('2026-01-02T00:00:00Z') });
      for (const service of [first, second]) await harness.repository.add(service);
      const rekeyed = {
        ...first,
        displayName: 'Renamed',
        credentials: { secretKey: 'sk_test_new', webhookSigningSecret: 'abcdefgh12' },
        updatedAt: new Date('2026-02-01T00:00:00Z'),
      };
      await harness.repository.update(rekeyed);
      expect(await harness.repository.get(merchant, first.id)).toEqual(rekeyed);
      const deleted = { ...rekeyed, deletedAt: new Date('2026-02-02T00:00:00Z') };
      await harness.repository.update(deleted);
      expect(await harness.repository.findById(first.id)).toEqual(deleted);
      expect((await harness.repository.findDefault(merchant, 'smartpay'))?.id).toBe(second.id);
      const active = (await harness.repository.listActive()).map((s) => s.id);
      expect(active).toContain(second.id);
      expect(active).not.toContain(first.id);
    });
  });
}
