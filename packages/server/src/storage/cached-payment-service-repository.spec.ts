import type { PaymentService, PaymentServiceRepository } from '@kessai/domain';
import { InMemoryPaymentServiceRepository, smartpayService } from '@kessai/domain/testing';
import { CachedPaymentServiceRepository } from './cached-payment-service-repository';

/** The storage under the cache, counting its lookups. */
class CountingRepository implements PaymentServiceRepository {
  readonly inner = new InMemoryPaymentServiceRepository();
  lookups = 0;
  add = (service: PaymentService) => this.inner.add(service);
  update = (service: PaymentService) => this.inner.update(service);
  get = (merchantAccountId: string, id: string) => this.inner.get(merchantAccountId, id);
  list = (merchantAccountId: string) => this.inner.list(merchantAccountId);
  listActive = () => this.inner.listActive();
  /** While set, lookups wait for it after reading (a slow storage round trip). */
  gate: Promise<void> | undefined;
  findById = async (id: string) => {
    this.lookups++;
    const gate = this.gate;
    const found = await this.inner.findById(id);
    await gate;
    return found;
  };
  findDefault = (merchantAccountId: string, connector: string) => {
    this.lookups++;
    return this.inner.findDefault(merchantAccountId, connector);
  };
}

describe('CachedPaymentServiceRepository', () => {
  it('reads a connection from storage once while its entry is fresh', async () => {
    const storage = new CountingRepository();
    const service = smartpayService();
    await storage.add(service);
    const cache = new CachedPaymentServiceRepository(storage);
    expect((await cache.findById(service.id))?.id).toBe(service.id);
    expect((await cache.get('default', service.id))?.id).toBe(service.id);
    expect((await cache.findDefault('default', 'smartpay'))?.id).toBe(service.id);
    expect((await cache.findDefault('default', 'smartpay'))?.id).toBe(service.id);
    expect(storage.lookups).toBe(2);
  });

  it("never answers for another merchant's connection", async () => {
    const storage = new CountingRepository();
    const service = smartpayService();
    await storage.add(service);
    const cache = new CachedPaymentServiceRepository(storage);
    await cache.findById(service.id);
    expect(await cache.get('another', service.id)).toBeUndefined();
  });

  it('sees its own process’s update at once', async () => {
    const storage = new CountingRepository();
    const service = smartpayService();
    const cache = new CachedPaymentServiceRepository(storage);
    await cache.add(service);
    await cache.findById(service.id);
    await cache.findDefault('default', 'smartpay');
    await cache.update({ ...service, displayName: 'Renamed', active: false });
    expect((await cache.findById(service.id))?.displayName).toBe('Renamed');
    expect(await cache.findDefault('default', 'smartpay')).toBeUndefined();
  });

  it('keeps no misses: a connection another process creates is found at once', async () => {
    const storage = new CountingRepository();
    const service = smartpayService();
    const cache = new CachedPaymentServiceRepository(storage);
    expect(await cache.findById(service.id)).toBeUndefined();
    expect(await cache.findDefault('default', 'smartpay')).toBeUndefined();
    await storage.add(service);
    expect((await cache.findById(service.id))?.id).toBe(service.id);
    expect((await cache.findDefault('default', 'smartpay'))?.id).toBe(service.id);
  });

  it("reads storage again once an entry's time is up (another process's change)", async () => {
    const storage = new CountingRepository();
    const service = smartpayService();
    await storage.add(service);
    const cache = new CachedPaymentServiceRepository(storage, 0);
    await cache.findById(service.id);
    await storage.update({ ...service, displayName: 'Renamed elsewhere' });
    expect((await cache.findById(service.id))?.displayName).toBe('Renamed elsewhere');
    expect(storage.lookups).toBe(2);
  });

  it('lists from storage every time', async () => {
    const storage = new CountingRepository();
    const cache = new CachedPaymentServiceRepository(storage);
    await cache.list('default');
    const service = smartpayService();
    await storage.add(service);
    expect((await cache.list('default')).map((listed) => listed.id)).toEqual([service.id]);
  });

  it('shares one lookup among every request in flight when an entry runs out', async () => {
    const storage = new CountingRepository();
    const service = smartpayService();
    await storage.add(service);
    const cache = new CachedPaymentServiceRepository(storage, 0);
    const found = await Promise.all(Array.from({ length: 20 }, () => cache.findById(service.id)));
    expect(found.map((one) => one?.id)).toEqual(Array(20).fill(service.id));
    expect(storage.lookups).toBe(1);
    await cache.findById(service.id);
    expect(storage.lookups).toBe(2);
  });

  it('keeps nothing from a lookup its own process’s update overtook', async () => {
    const storage = new CountingRepository();
    const service = smartpayService();
    await storage.add(service);
    const cache = new CachedPaymentServiceRepository(storage);
    let open = () => {};
    storage.gate = new Promise((resolve) => {
      open = resolve;
    });
    const overtaken = cache.findById(service.id);
    storage.gate = undefined;
    await cache.update({ ...service, displayName: 'Renamed' });
    open();
    expect((await overtaken)?.displayName).toBe(service.displayName);
    expect((await cache.findById(service.id))?.displayName).toBe('Renamed');
  });
});
