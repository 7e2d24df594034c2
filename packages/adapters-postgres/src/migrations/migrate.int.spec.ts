import { createTestDatabase, type TestDatabase } from '../testing/test-database';
import { migrate, pendingMigrations, rollback } from './migrate';

describe('migrations', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase({ migrated: false });
  }, 60_000);
  afterAll(async () => {
    await db?.drop();
  });
  const tables = async () =>
    (await db.knex('pg_tables').where({ schemaname: 'public' }).pluck('tablename'))
      .filter((t: string) => !t.startsWith('kessai_migrations'))
      .sort();

  it('go up, down and up again', async () => {
    expect(await pendingMigrations(db.knex)).toEqual(['001-initial', '002-money-guard-triggers']);
    expect(await migrate(db.knex)).toEqual(['001-initial', '002-money-guard-triggers']);
    expect(await tables()).toEqual([
      'api_keys',
      'captures',
      'idempotency_keys',
      'merchant_accounts',
      'outbox',
      'payment_services',
      'refunds',
      'transaction_events',
      'transactions',
      'webhook_inbox',
    ]);
    expect(await pendingMigrations(db.knex)).toEqual([]);
    expect(await migrate(db.knex)).toEqual([]);
    expect(await rollback(db.knex)).toEqual(['002-money-guard-triggers', '001-initial']);
    expect(await tables()).toEqual([]);
    await migrate(db.knex);
    expect(await tables()).toHaveLength(10);
  });
});
