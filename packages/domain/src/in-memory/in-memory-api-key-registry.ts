import type { ApiKey } from '../api-keys/api-key';
import type { ApiKeyListQuery, ApiKeyRegistry } from '../api-keys/api-key-registry';
import { THUMBPRINT_ID } from '../shared/keyset-cursor';
import type { Page } from '../transactions/ports/transaction-repository';
import { keysetPage } from './keyset-page';

export class InMemoryApiKeyRegistry implements ApiKeyRegistry {
  private readonly keys = new Map<string, ApiKey>();

  async add(key: ApiKey, limit = Number.POSITIVE_INFINITY): Promise<boolean> {
    const accounts = key.merchantAccountIds.join('\n');
    const held = [...this.keys.values()].filter(
      (other) => !other.revokedAt && other.merchantAccountIds.join('\n') === accounts,
    );
    if (held.length >= limit) return false;
    this.keys.set(key.kid, { scopes: null, lastUsedAt: null, ...structuredClone(key) });
    return true;
  }

  async findByKid(kid: string): Promise<ApiKey | undefined> {
    const key = this.keys.get(kid);
    return key && structuredClone(key);
  }

  async listFor(merchantAccountId: string, query: ApiKeyListQuery): Promise<Page<ApiKey>> {
    const own = [...this.keys.values()]
      .filter((key) => key.merchantAccountIds.length === 1 && key.merchantAccountIds[0] === merchantAccountId)
      .map((key) => ({ ...key, id: key.kid }));
    const page = keysetPage(own, (key) => key.createdAt, query.limit, query.cursor, THUMBPRINT_ID);
    return { ...page, items: page.items.map(({ id: _id, ...key }) => key) };
  }

  async rename(kid: string, name: string): Promise<boolean> {
    const key = this.keys.get(kid);
    if (!key) return false;
    this.keys.set(kid, { ...key, name });
    return true;
  }

  async recordUse(kid: string, at: Date, unlessSince: Date): Promise<boolean> {
    const key = this.keys.get(kid);
    if (!key || (key.lastUsedAt && key.lastUsedAt > unlessSince)) return false;
    this.keys.set(kid, { ...key, lastUsedAt: at });
    return true;
  }

  async revoke(kid: string, at: Date): Promise<boolean> {
    const key = this.keys.get(kid);
    if (!key || key.revokedAt) return false;
    this.keys.set(kid, { ...key, revokedAt: at });
    return true;
  }
}
