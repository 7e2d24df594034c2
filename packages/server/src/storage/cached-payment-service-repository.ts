import { ExpiringReads } from '@kessai/api';
import type { PaymentService, PaymentServiceRepository } from '@kessai/domain';

/**
 * Connections change rarely and are read on every capture, refund, void, sync and webhook: lookups by id are
 * kept for `ttlMs` in this process (a round trip to PostgreSQL costs more than the rest of a lookup). Another
 * process's change is seen within `ttlMs`; a connection is never deleted, so a stale entry can only carry an
 * older display name, active flag or credentials for that long (another process's update). Lists always read storage.
 */
export class CachedPaymentServiceRepository implements PaymentServiceRepository {
  private readonly byId: ExpiringReads<PaymentService>;
  private readonly defaults: ExpiringReads<PaymentService>;

  constructor(
    private readonly inner: PaymentServiceRepository,
    ttlMs = 10_000,
    maxEntries = 10_000,
  ) {
    this.byId = new ExpiringReads(ttlMs, maxEntries);
    this.defaults = new ExpiringReads(ttlMs, maxEntries);
  }

  async add(service: PaymentService): Promise<void> {
    await this.inner.add(service);
    this.byId.forget(service.id);
    this.defaults.clear();
  }

  async update(service: PaymentService): Promise<void> {
    await this.inner.update(service);
    this.byId.forget(service.id);
    this.defaults.clear();
  }

  async get(merchantAccountId: string, id: string): Promise<PaymentService | undefined> {
    const service = await this.findById(id);
    return service?.merchantAccountId === merchantAccountId ? service : undefined;
  }

  // Misses are not kept: a connection created by another process must be found at once.
  async findById(id: string): Promise<PaymentService | undefined> {
    return this.byId.get(id, () => this.inner.findById(id));
  }

  list(merchantAccountId: string): Promise<PaymentService[]> {
    return this.inner.list(merchantAccountId);
  }

  listActive(): Promise<PaymentService[]> {
    return this.inner.listActive();
  }

  /** The oldest active connection: a newer one never displaces it, so a cached answer stays right. */
  async findDefault(merchantAccountId: string, connector: string): Promise<PaymentService | undefined> {
    return this.defaults.get(`${merchantAccountId}\u0000${connector}`, () =>
      this.inner.findDefault(merchantAccountId, connector),
    );
  }
}
