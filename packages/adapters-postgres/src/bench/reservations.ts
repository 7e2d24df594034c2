import { randomUUID } from 'node:crypto';
import { SMARTPAY_CAPABILITIES } from '@kessai/domain';
import { authorizedTransaction } from '@kessai/domain/testing';
import { escapeLiteral, Pool, type PoolClient } from 'pg';
import { connectPostgres } from '../connect';
import { resolveDatabase } from '../embedded/embedded-postgres';
import { migrate } from '../migrations/migrate';
import { KnexTransactionRepository } from '../repositories/knex-transaction-repository';
import { inlineBindings } from '../repositories/sql-literals';

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

/**
 * What the repository sends for one reservation, by hand and with nothing in between, in the same two round
 * trips: BEGIN + the lock + the load; then one statement with the update, the new capture, the history row and
 * the outbox row, + COMMIT.
 */
/** Pool clients on which `raw_locked_load` is prepared (as the repository does with its own). */
const prepared = new WeakSet<object>();

/** BEGIN, the row lock and the prepared load in one simple-protocol round trip, as the repository sends them. */
export async function rawLockAndLoad(
  client: PoolClient,
  id: string,
  merchantAccountId: string,
): Promise<{ rows: Array<{ version: number; event_count: number; captures_json: unknown[] }> } | undefined> {
  const where = `id = ${escapeLiteral(id)} AND merchant_account_id = ${escapeLiteral(merchantAccountId)}`;
  const prepare = prepared.has(client)
    ? ''
    : `PREPARE raw_locked_load (uuid, text) AS SELECT t.*,
         COALESCE((SELECT json_agg(c ORDER BY c.position) FROM captures c WHERE c.transaction_id = t.id), '[]') AS captures_json,
         COALESCE((SELECT json_agg(r ORDER BY r.position) FROM refunds r WHERE r.transaction_id = t.id), '[]') AS refunds_json
       FROM transactions t WHERE t.id = $1 AND t.merchant_account_id = $2 LIMIT 1; `;
  const results = (await client.query(
    `${prepare}BEGIN; SELECT 1 FROM transactions WHERE ${where} FOR UPDATE;
     EXECUTE raw_locked_load(${escapeLiteral(id)}, ${escapeLiteral(merchantAccountId)})`,
  )) as unknown as Array<{ rows: Array<{ version: number; event_count: number; captures_json: unknown[] }> }>;
  prepared.add(client);
  return results.at(-1);
}

export async function rawReservation(pool: Pool, id: string, merchantAccountId = 'bench'): Promise<string> {
  const client = await pool.connect();
  try {
    const loaded = await rawLockAndLoad(client, id, merchantAccountId);
    const row = loaded?.rows[0];
    if (!row) throw new Error(`transaction ${id} not found`);
    const captureId = randomUUID();
    const eventId = randomUUID();
    const written = (await client.query(
      `${inlineBindings(
        `WITH t AS (UPDATE transactions SET status = 'capture_pending', reserved_capture_amount = reserved_capture_amount + 1,
          updated_at = now(), version = $3, event_count = $4 WHERE id = $1 AND version = $2 RETURNING id),
        c AS (INSERT INTO captures (id, transaction_id, merchant_account_id, position, amount, final, status, external, created_at, updated_at)
          VALUES ($5, $1, $8, $6, 1, false, 'pending', false, now(), now()) ON CONFLICT (id) DO NOTHING),
        e AS (INSERT INTO transaction_events (id, transaction_id, merchant_account_id, sequence, name, subject_id, occurred_at, context)
          VALUES ($7, $1, $8, $4, 'transaction.capture-pending', $5, now(), '{}')),
        o AS (INSERT INTO outbox (event_id, merchant_account_id, transaction_id, event) VALUES ($7, $8, $1, '{}'))
       SELECT count(*)::int AS updated FROM t`,
        [
          id,
          row.version,
          row.version + 1,
          row.event_count + 1,
          captureId,
          row.captures_json.length,
          eventId,
          merchantAccountId,
        ],
      )}; COMMIT`,
    )) as unknown as Array<{ rows: Array<{ updated: number }> }>;
    if (written[0]?.rows[0]?.updated !== 1) throw new Error('version moved under the lock');
    return captureId;
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
