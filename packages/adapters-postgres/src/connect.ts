import knexFactory, { type Knex } from 'knex';

export type { Knex };

export interface PostgresOptions {
  poolMax?: number;
  /**
   * Whether hot statements may be named prepared statements on this pool's connections. Off by default: through a
   * transaction pooler (PgBouncer before 1.21) a statement prepared on one server connection is missing on the next.
   */
  preparedStatements?: boolean;
}

/** Pools whose connections keep named prepared statements (see `PostgresOptions.preparedStatements`). */
const preparing = new WeakSet<Knex>();

/** A knex pool on PostgreSQL (the one place the driver is configured). */
export function connectPostgres(connectionString: string, options: PostgresOptions = {}): Knex {
  const knex = knexFactory({
    client: 'pg',
    connection: connectionString,
    pool: { min: 0, max: options.poolMax ?? 20 },
  });
  if (options.preparedStatements) preparing.add(knex);
  return knex;
}

/** Whether statements sent on this pool's connections may be named prepared statements. */
export function preparesStatements(knex: Knex): boolean {
  return preparing.has(knex);
}
