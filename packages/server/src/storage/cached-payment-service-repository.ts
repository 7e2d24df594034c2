import type { PaymentService, PaymentServiceRepository } from '@kessai/domain';

/**
 * Connections change rarely and are read on every capture, refund, void, sync and webhook: lookups by id are
 * kept for `ttlMs` in this process (a round trip to PostgreSQL costs more than the rest of a lookup). Another
 * process's change is seen within `ttlMs`; a connection is never deleted, so a stale entry can only carry an
 * older display name, active flag or credentials for that long (another process's update). Lists always read storage.
 */
export class CachedPaymentServiceRepository implements PaymentServiceRepository {
  private readonly byId = new Map<string, { service: PaymentService | undefined; until: number }>();
  private readonly defaults = new Map<string, { service: PaymentService; until: number }>();

  constructor(
    private readonly inner: PaymentServiceRepository,
    private readonly ttlMs = 10_000,
    private readonly maxEntries = 10_000,
  ) {}

  async add(service: PaymentService): Promise<void> {
    await this.inner.add(service);
    this.byId.delete(service.id);
    this.defaults.clear();
  }

  async update(service: PaymentService): Promise<void> {
    await this.inner.update(service);
    this.byId.delete(service.id);
    this.defaults.clear();
  }

  async get(merchantAccountId: string, id: string): Promise<PaymentService | undefined> {
    const service = await this.findById(id);
    return service?.merchantAccountId === merchantAccountId ? service : undefined;
  }

  async findById(id: string): Promise<PaymentService | undefined> {
    const cached = this.byId.get(id);
    if (cached && cached.until > Date.now()) return cached.service;
    const service = await this.inner.findById(id);
    // Misses are not kept: a connection created by another process must be found at once.
    if (service) {
      if (this.byId.size >= this.maxEntries) this.byId.clear();
      this.byId.set(id, { service, until: Date.now() + this.ttlMs });
    }
    return service;
  }

  list(merchantAccountId: string): Promise<PaymentService[]> {
    return this.inner.list(merchantAccountId);
  }

  listActive(): Promise<PaymentService[]> {
    return this.inner.listActive();
  }

  /** The oldest active connection: a newer one never displaces it, so a cached answer stays right. */
  async findDefault(merchantAccountId: string, connector: string): Promise<PaymentService | undefined> {
    const key = `${merchantAccountId}\u0000${connector}`;
    const cached = this.defaults.get(key);
    if (cached && cached.until > Date.now()) return cached.service;
    const service = await this.inner.findDefault(merchantAccountId, connector);
    if (service) {
      if (this.defaults.size >= this.maxEntries) this.defaults.clear();
      this.defaults.set(key, { service, until: Date.now() + this.ttlMs });
    }
    return service;
  }
}
