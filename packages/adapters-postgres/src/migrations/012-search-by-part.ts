import type { Knex } from 'knex';

/**
 * The list's `search` finds a transaction by a part of its external identifier or buyer email, case-insensitively
 * (`lower(…) LIKE '%part%'`). A b-tree cannot serve a pattern that starts with `%`; pg_trgm's GIN indexes can, so a
 * search among a million rows reads the rows holding the part's trigrams instead of the whole table. pg_trgm ships
 * with PostgreSQL's contrib (Debian's postgresql package has it) and is a trusted extension: the database owner may
 * create it.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE EXTENSION IF NOT EXISTS pg_trgm;
    CREATE INDEX transactions_external_identifier_part ON transactions
      USING gin (lower(external_identifier) gin_trgm_ops);
    CREATE INDEX transactions_buyer_email_part ON transactions
      USING gin (lower(billing_details->>'emailAddress') gin_trgm_ops);
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
    DROP INDEX transactions_buyer_email_part;
    DROP INDEX transactions_external_identifier_part;
  `);
}
