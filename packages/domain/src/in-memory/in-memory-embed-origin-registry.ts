import type { EmbedOriginRegistry } from '../checkout-sessions/embed-origin-registry';

export class InMemoryEmbedOriginRegistry implements EmbedOriginRegistry {
  private readonly byMerchant = new Map<string, string[]>();

  async replace(merchantAccountId: string, origins: readonly string[]): Promise<void> {
    if (origins.length) this.byMerchant.set(merchantAccountId, [...origins]);
    else this.byMerchant.delete(merchantAccountId);
  }

  async list(merchantAccountId: string): Promise<string[]> {
    return [...(this.byMerchant.get(merchantAccountId) ?? [])];
  }

  async isRegistered(origin: string): Promise<boolean> {
    return [...this.byMerchant.values()].some((origins) => origins.includes(origin));
  }
}
