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
  });
}
