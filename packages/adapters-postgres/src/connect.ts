import knexFactory, { type Knex } from 'knex';

export type { Knex };

/** A knex pool on PostgreSQL (the one place the driver is configured). */
export function connectPostgres(connectionString: string, options: { poolMax?: number } = {}): Knex {
  return knexFactory({ client: 'pg', connection: connectionString, pool: { min: 0, max: options.poolMax ?? 20 } });
}
