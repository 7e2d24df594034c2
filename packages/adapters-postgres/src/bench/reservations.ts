import { randomUUID } from 'node:crypto';
import { SMARTPAY_CAPABILITIES } from '@kessai/domain';
import { authorizedTransaction } from '@kessai/domain/testing';
import { Pool } from 'pg';
import { connectPostgres } from '../connect';
import { resolveDatabase } from '../embedded/embedded-postgres';
import { migrate } from '../migrations/migrate';
import { KnexTransactionRepository } from '../repositories/knex-transaction-repository';

/**
 * `pnpm bench:db`: capture reservations per second through KnexTransactionRepository.update (domain decision +
 * knex + the unit of work) against a raw `pg` baseline sending the same statements, in the same run, same
 * database, same concurrency. Prints the ratio (target ≥ 0.7). Not a test: numbers, not assertions.
 */
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
const TRANSACTIONS = 400;

async function main(): Promise<void> {
  const database = await resolveDatabase(process.env, { dataDir: process.env.DATA_DIR ?? '.data/bench' });
  // (the same merchant id is used by the raw baseline's SQL)
  const knex = connectPostgres(database.connectionString, { poolMax: CONCURRENCY + 2 });
  const pool = new Pool({ connectionString: database.connectionString, max: CONCURRENCY + 2 });
  try {
    await migrate(knex);
    const repository = new KnexTransactionRepository(knex);
    const ids = async () => {
      const made: string[] = [];
      for (let i = 0; i < TRANSACTIONS; i++) {
        const tx = authorizedTransaction(new Date(), { merchantAccountId: 'bench', amount: 99_999_999 });
        await repository.add(tx);
        made.push(tx.id);
      }
      return made;
    };
    const kessaiIds = await ids();
    const rawIds = await ids();
    const kessai = await measure('KnexTransactionRepository.update', kessaiIds, (id) =>
      repository.update('bench', id, (tx) =>
        tx.reserveCapture({ captureId: randomUUID(), amount: 1, final: false }, SMARTPAY_CAPABILITIES, new Date()),
      ),
    );
    const raw = await measure('raw pg, same statements', rawIds, (id) => rawReservation(pool, id));
    const ratio = kessai / raw;
    console.log('\n| path | reservations/s |\n|---|---|');
    console.log(`| raw pg baseline (same SQL) | ${raw.toFixed(0)} |`);
    console.log(`| KnexTransactionRepository.update | ${kessai.toFixed(0)} |`);
    console.log(`| ratio (target ≥ 0.7) | ${ratio.toFixed(2)} |`);
  } finally {
    await pool.end();
    await knex.destroy();
    await database.stop();
  }
}

async function measure(label: string, ids: string[], reserve: (id: string) => Promise<unknown>): Promise<number> {
  let done = 0;
  const deadline = Date.now() + SECONDS * 1000;
  const progress = setInterval(() => process.stdout.write(`\r${label}: ${done} reservations…`), 500);
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async (_, worker) => {
      for (let i = worker; Date.now() < deadline; i += CONCURRENCY) {
        await reserve(ids[i % ids.length] as string);
        done++;
      }
    }),
  );
  clearInterval(progress);
  process.stdout.write(`\r${label}: ${done} reservations in ${SECONDS} s\n`);
  return done / SECONDS;
}

/** What the repository sends for one reservation, by hand: lock, load, update, upsert child, event, outbox. */
export async function rawReservation(pool: Pool, id: string): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const { rows } = await client.query(
      'SELECT * FROM transactions WHERE id = $1 AND merchant_account_id = $2 FOR UPDATE',
      [id, 'bench'],
    );
    const row = rows[0];
    const captures = await client.query('SELECT * FROM captures WHERE transaction_id = $1', [id]);
    await client.query('SELECT * FROM refunds WHERE transaction_id = $1', [id]);
    const position = captures.rows.length;
    await client.query(
      `UPDATE transactions SET status = 'capture_pending', reserved_capture_amount = reserved_capture_amount + 1,
        updated_at = now(), version = version + 1, event_count = event_count + 1 WHERE id = $1 AND version = $2`,
      [id, row.version],
    );
    const captureId = randomUUID();
    await client.query(
      `INSERT INTO captures (id, transaction_id, merchant_account_id, position, amount, final, status, external, created_at, updated_at)
       VALUES ($1, $2, 'bench', $3, 1, false, 'pending', false, now(), now()) ON CONFLICT (id) DO NOTHING`,
      [captureId, id, position],
    );
    const eventId = randomUUID();
    await client.query(
      `INSERT INTO transaction_events (id, transaction_id, merchant_account_id, sequence, name, subject_id, occurred_at, context)
       VALUES ($1, $2, 'bench', $3, 'transaction.capture-pending', $4, now(), '{}')`,
      [eventId, id, row.event_count + 1, captureId],
    );
    await client.query(
      `INSERT INTO outbox (event_id, merchant_account_id, transaction_id, event) VALUES ($1, 'bench', $2, '{}')`,
      [eventId, id],
    );
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    client.release();
  }
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
