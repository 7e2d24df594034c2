import { randomBytes } from 'node:crypto';
import type { ApiKey } from '../../api-keys/api-key';
import type { ApiKeyRegistry } from '../../api-keys/api-key-registry';

export interface ApiKeyRegistryHarness {
  registry: ApiKeyRegistry;
  close?: () => Promise<void>;
}

const newMerchant = () => `m-${randomBytes(4).toString('hex')}`;
const newKey = (merchantAccountIds: string[], createdAt = new Date()): ApiKey => ({
  kid: randomBytes(32).toString('base64url').slice(0, 43),
  merchantAccountIds,
  publicJwk: { kty: 'EC' },
  name: 'backend',
  scopes: ['transactions.read', 'buyers.write'],
  lastUsedAt: null,
  createdAt,
  revokedAt: null,
});

export function describeApiKeyRegistryContract(name: string, makeHarness: () => Promise<ApiKeyRegistryHarness>): void {
  describe(`${name} (ApiKeyRegistry contract)`, () => {
    let registry: ApiKeyRegistry;
    let harness: ApiKeyRegistryHarness;
    beforeEach(async () => {
      harness = await makeHarness();
      registry = harness.registry;
    });
    afterEach(async () => {
      await harness.close?.();
    });

    it('refuses an add past the limit of active keys (revoked ones free their place); racing adds never pass it', async () => {
      const merchant = newMerchant();
      const first = newKey([merchant]);
      expect(await registry.add(first, 3)).toBe(true);
      const racing = await Promise.all(Array.from({ length: 8 }, () => registry.add(newKey([merchant]), 3)));
      expect(racing.filter(Boolean)).toHaveLength(2);
      expect(await registry.add(newKey([merchant]), 3)).toBe(false);
      expect(await registry.add(newKey([newMerchant()]), 3)).toBe(true);
      expect(await registry.add(newKey([merchant, newMerchant()]), 3)).toBe(true);
      const unbounded = newKey([merchant]);
      expect(await registry.add(unbounded)).toBe(true);
      await registry.revoke(first.kid, new Date());
      await registry.revoke(unbounded.kid, new Date());
      expect(await registry.add(newKey([merchant]), 3)).toBe(true);
      expect(await registry.add(newKey([merchant]), 3)).toBe(false);
    });

    it('pages the merchant account’s own keys newest first, forward and back, and refuses a cursor it never gave', async () => {
      const merchant = newMerchant();
      const at = (second: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, second));
      const keys = [1, 2, 3, 3, 4].map((second) => newKey([merchant], at(second)));
      for (const key of keys) await registry.add(key);
      await registry.add(newKey([merchant, newMerchant()], at(5)));
      const newestFirst = [...keys]
        .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a.kid < b.kid ? 1 : -1))
        .map((key) => key.kid);

      const seen: string[] = [];
      const pages = [];
      let page = await registry.listFor(merchant, { limit: 2 });
      for (;;) {
        pages.push(page);
        seen.push(...page.items.map((key) => key.kid));
        if (!page.nextCursor) break;
        page = await registry.listFor(merchant, { limit: 2, cursor: page.nextCursor });
      }
      expect(seen).toEqual(newestFirst);
      expect(pages.map((one) => one.items.length)).toEqual([2, 2, 1]);
      expect(pages[0]?.previousCursor).toBeNull();
      const back = await registry.listFor(merchant, { limit: 2, cursor: pages[2]?.previousCursor ?? '' });
      expect(back.items.map((key) => key.kid)).toEqual(newestFirst.slice(2, 4));
      await expect(registry.listFor(merchant, { limit: 2, cursor: 'not-a-cursor' })).rejects.toMatchObject({
        code: 'invalid_field',
        field: '/cursor',
      });
    });

    it('keeps a key’s name and scopes, renames it, and a key added without scopes is not bounded', async () => {
      const key = newKey([newMerchant()]);
      await registry.add(key);
      expect(await registry.findByKid(key.kid)).toMatchObject({
        name: 'backend',
        scopes: key.scopes,
        lastUsedAt: null,
      });
      expect(await registry.rename(key.kid, 'checkout')).toBe(true);
      expect((await registry.findByKid(key.kid))?.name).toBe('checkout');
      expect(await registry.rename('no-such-key', 'x')).toBe(false);
      const { scopes: _scopes, ...unbounded } = newKey([newMerchant()]);
      await registry.add(unbounded);
      expect((await registry.findByKid(unbounded.kid))?.scopes).toBeNull();
    });

    it('records a use unless one was recorded since the given time; racing records write once', async () => {
      const key = newKey([newMerchant()]);
      await registry.add(key);
      const at = (second: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, second));
      const racing = await Promise.all(Array.from({ length: 6 }, () => registry.recordUse(key.kid, at(10), at(0))));
      expect(racing.filter(Boolean)).toHaveLength(1);
      expect((await registry.findByKid(key.kid))?.lastUsedAt).toEqual(at(10));
      expect(await registry.recordUse(key.kid, at(40), at(9))).toBe(false);
      expect(await registry.recordUse(key.kid, at(71), at(11))).toBe(true);
      expect((await registry.findByKid(key.kid))?.lastUsedAt).toEqual(at(71));
      expect((await registry.listFor(key.merchantAccountIds[0] ?? '', { limit: 5 })).items[0]?.lastUsedAt).toEqual(
        at(71),
      );
    });
  });
}
