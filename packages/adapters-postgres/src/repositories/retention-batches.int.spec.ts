import { pruneInBatches } from '@kessai/domain';
import { useTestDatabase } from '../testing/test-database';
import { KnexIdempotencyStore } from './knex-idempotency-store';

// Retention's batch loop on a real table: short statements one after another until one comes back short.
describe('retention batches on PostgreSQL', () => {
  const database = useTestDatabase();
  const old = new Date('2020-01-01T00:00:00.000Z');
  const cutOff = new Date(old.getTime() + 60_000);

  const insertKeys = async (count: number, createdAt: Date, prefix: string) =>
    database()
      .knex('idempotency_keys')
      .insert(
        Array.from({ length: count }, (_, n) => ({
          merchant_account_id: 'm',
          key: `${prefix}-${n}`,
          fingerprint: 'fp',
          created_at: new Date(createdAt.getTime() + n),
          locked_until: createdAt,
        })),
      );
  const keysLeft = async () => Number((await database().knex('idempotency_keys').count({ n: '*' }))[0]?.n);

  beforeEach(async () => {
    await database().knex('idempotency_keys').delete();
  });

  it('deletes batch after batch until nothing older is left, then stops, keeping younger rows', async () => {
    await insertKeys(25, old, 'old');
    await insertKeys(3, cutOff, 'young');
    const store = new KnexIdempotencyStore(database().knex);
    const batches: number[] = [];
    const prune = async (before: Date, limit: number) => {
      const count = await store.prune(before, limit);
      batches.push(count);
      return count;
    };
    expect(await pruneInBatches(prune, cutOff, { batchSize: 10, maxBatches: 100 })).toBe(25);
    expect(batches).toEqual([10, 10, 5]);
    expect(await keysLeft()).toBe(3);
  });

  it('stops at the cap of batches a run and leaves the rest for the next run', async () => {
    await insertKeys(25, old, 'old');
    const store = new KnexIdempotencyStore(database().knex);
    const prune = (before: Date, limit: number) => store.prune(before, limit);
    expect(await pruneInBatches(prune, cutOff, { batchSize: 10, maxBatches: 2 })).toBe(20);
    expect(await keysLeft()).toBe(5);
    expect(await pruneInBatches(prune, cutOff, { batchSize: 10, maxBatches: 2 })).toBe(5);
    expect(await keysLeft()).toBe(0);
  });
});
