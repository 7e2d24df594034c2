import type { EmbedOriginRegistry } from '../../checkout-sessions/embed-origin-registry';

export interface EmbedOriginRegistryHarness {
  registry: EmbedOriginRegistry;
  close?: () => Promise<void>;
}

export function describeEmbedOriginRegistryContract(
  name: string,
  makeHarness: () => Promise<EmbedOriginRegistryHarness>,
): void {
  describe(`${name} (EmbedOriginRegistry contract)`, () => {
    let harness: EmbedOriginRegistryHarness;
    let merchant: string;
    let shop: string;
    const now = new Date('2026-01-01T00:00:00Z');
    beforeEach(async () => {
      harness = await makeHarness();
      merchant = `m-${Math.random().toString(36).slice(2, 10)}`;
      shop = `https://${merchant}.shop.example`;
    });
    afterEach(async () => {
      await harness.close?.();
    });

    it('replaces a merchant account’s origins and lists them in order', async () => {
      expect(await harness.registry.list(merchant)).toEqual([]);
      await harness.registry.replace(merchant, [shop, 'http://localhost:8080'], now);
      expect(await harness.registry.list(merchant)).toEqual([shop, 'http://localhost:8080']);
      await harness.registry.replace(merchant, ['http://localhost:8080'], now);
      expect(await harness.registry.list(merchant)).toEqual(['http://localhost:8080']);
      await harness.registry.replace(merchant, [], now);
      expect(await harness.registry.list(merchant)).toEqual([]);
    });

    it('knows an origin registered by any merchant account, and forgets it once removed', async () => {
      expect(await harness.registry.isRegistered(shop)).toBe(false);
      await harness.registry.replace(merchant, [shop], now);
      expect(await harness.registry.isRegistered(shop)).toBe(true);
      expect(await harness.registry.list(`${merchant}-other`)).toEqual([]);
      await harness.registry.replace(merchant, [], now);
      expect(await harness.registry.isRegistered(shop)).toBe(false);
    });
  });
}
