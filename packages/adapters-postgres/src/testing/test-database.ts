import { randomBytes } from 'node:crypto';
import type { Knex } from 'knex';
import { connectPostgres } from '../connect';
import { migrate } from '../migrations/migrate';

export interface TestDatabase {
  connectionString: string;
  knex: Knex;
  drop(): Promise<void>;
}

/** The server the test run shares: started once per `pnpm test` by the jest global setup, or DATABASE_URL. */
export function testServerUrl(): string {
  const url = process.env.KESSAI_TEST_DATABASE_URL ?? process.env.DATABASE_URL;
  if (!url)
    throw new Error('no test PostgreSQL: run through `pnpm test` (its global setup starts one) or set DATABASE_URL');
  return url;
}

/**
 * A fresh, migrated database of its own for one test file (isolation without a server per test), dropped after.
 */
export async function createTestDatabase(
  options: { poolMax?: number; migrated?: boolean } = {},
): Promise<TestDatabase> {
  const server = testServerUrl();
  const name = `kessai_t_${randomBytes(6).toString('hex')}`;
  const admin = connectPostgres(server, { poolMax: 1 });
  try {
    await admin.raw(`CREATE DATABASE ${name}`);
  } finally {
    await admin.destroy();
  }
  const url = new URL(server);
  url.pathname = `/${name}`;
  const connectionString = url.toString();
  const knex = connectPostgres(connectionString, { poolMax: options.poolMax ?? 10 });
  if (options.migrated ?? true) await migrate(knex);
  return {
    connectionString,
    knex,
    async drop() {
      await knex.destroy();
      const cleaner = connectPostgres(server, { poolMax: 1 });
      try {
        await cleaner.raw(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await cleaner.destroy();
      }
    },
  };
}

/** For a jest test file: a fresh database before its tests, dropped after them. Call at the top level. */
export function useTestDatabase(options: { poolMax?: number; migrated?: boolean } = {}): () => TestDatabase {
  let db: TestDatabase | undefined;
  beforeAll(async () => {
    db = await createTestDatabase(options);
  }, 60_000);
  afterAll(async () => {
    await db?.drop();
  });
  return () => {
    if (!db) throw new Error('the test database is not ready (useTestDatabase must be called at the top of the file)');
    return db;
  };
}
