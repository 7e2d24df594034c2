import { randomUUID } from 'node:crypto';
import { connectPostgres, KnexTransactionRepository, migrate, resolveDatabase } from '@kessai/adapters-postgres';
import { SMARTPAY_CAPABILITIES } from '@kessai/domain';
import { authorizedTransaction } from '@kessai/domain/testing';
import { escapeLiteral, Pool, type PoolClient } from 'pg';

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
    // Warm, as the repository's recent states are after `add`: each of its updates is one statement.
    const known: KnownStates = new Map();
    for (const id of rawIds) await rawReservation(pool, id, 'bench', known);
    const raw = await measure('raw pg, same statements', rawIds, (id) => rawReservation(pool, id, 'bench', known));
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

/**
 * What a process knows of each transaction's stored state (version, history count, captures), as the
 * repository's `RecentStates` does: with it, a write goes alone, checked against the version.
 */
export type KnownStates = Map<string, { version: number; event_count: number; captures: number }>;

/**
 * One capture reservation by hand: one version-checked statement when `known` has the transaction (the
 * repository's one-round-trip update), else BEGIN + lock + load, then the statement, then COMMIT.
 */
export async function rawReservation(
  pool: Pool,
  id: string,
  merchantAccountId = 'bench',
  known?: KnownStates,
  alongside?: (place: (value: unknown) => string) => string,
): Promise<string> {
  const captureId = randomUUID();
  const state = known?.get(id);
  if (known && state) {
    const written = await pool.query<{ updated: number }>(
      rawCaptureStatement(id, merchantAccountId, captureId, state, 'reserved', alongside),
    );
    if (written.rows[0]?.updated !== 1) throw new Error('version moved');
    known.set(id, { version: state.version + 1, event_count: state.event_count + 1, captures: state.captures + 1 });
    return captureId;
  }
  const client = await pool.connect();
  try {
    const loaded = await rawLockAndLoad(client, id, merchantAccountId);
    const row = loaded?.rows[0];
    if (!row) throw new Error(`transaction ${id} not found`);
    const locked = { version: row.version, event_count: row.event_count, captures: row.captures_json.length };
    const written = await client.query<{ updated: number }>(
      rawCaptureStatement(id, merchantAccountId, captureId, locked, 'reserved', alongside),
    );
    await client.query('COMMIT');
    if (written.rows[0]?.updated !== 1) throw new Error('version moved under the lock');
    known?.set(id, { version: locked.version + 1, event_count: locked.event_count + 1, captures: locked.captures + 1 });
    return captureId;
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    client.release();
  }
}

/**
 * The statement the repository sends for a capture's reservation (`status` 'pending') or its success, written out
 * by hand in the same shape: the changed transaction columns, the capture upserted with every column, the history
 * row, the activity row (migration 017) and the outbox row of the unit of work, checked against the stored
 * version; prepared once per connection.
 */
export function rawCaptureStatement(
  id: string,
  merchantAccountId: string,
  captureId: string,
  state: { version: number; event_count: number; captures: number },
  step: 'reserved' | 'succeeded',
  /** A statement riding the write (the request's key or answer), its values placed by `place`. */
  alongside?: (place: (value: unknown) => string) => string,
): { name: string; text: string; values: unknown[] } {
  const now = new Date().toISOString();
  const eventId = randomUUID();
  const name = step === 'reserved' ? 'transaction.capture-pending' : 'transaction.captured';
  const context =
    step === 'reserved'
      ? { amount: 1, final: false, source: 'api', status: 'capture_pending' }
      : { amount: 1, captured_amount: state.captures, source: 'api', status: 'capture_succeeded' };
  const event = {
    id: eventId,
    name,
    merchantAccountId,
    transactionId: id,
    subjectId: captureId,
    occurredAt: now,
    context,
  };
  const transactionColumns =
    step === 'reserved'
      ? `status = $15, reserved_capture_amount = reserved_capture_amount + 1, updated_at = $9`
      : `status = $15, captured_amount = captured_amount + 1, updated_at = $9, captured_at = $9`;
  const activityColumns =
    step === 'reserved'
      ? 'status = $15, updated_at = $9'
      : 'status = $15, captured_amount = captured_amount + 1, updated_at = $9';
  const childColumns = `amount, created_at, error_code, external, final, id, merchant_account_id, position,
    provider_capture_id, raw_response_code, raw_response_description, status, transaction_id, updated_at`;
  const values: unknown[] = [
    id,
    state.version,
    state.version + 1,
    state.event_count + 1,
    captureId,
    step === 'reserved' ? state.captures : state.captures - 1,
    eventId,
    merchantAccountId,
    now,
    step === 'reserved' ? null : `payment_test_${captureId.slice(0, 8)}`,
    step === 'reserved' ? 'pending' : 'succeeded',
    JSON.stringify(context),
    name,
    JSON.stringify(event),
    step === 'reserved' ? 'capture_pending' : 'capture_succeeded',
  ];
  const riding = alongside?.((value) => {
    values.push(value);
    return `$${values.length}`;
  });
  return {
    name: `raw_capture_${step}${riding ? '_with_request' : ''}`,
    text: `WITH t AS (UPDATE transactions SET ${transactionColumns}, version = $3, event_count = $4
        WHERE id = $1 AND version = $2 RETURNING id),
      c AS (INSERT INTO captures (${childColumns})
        VALUES (1, $9, NULL, FALSE, FALSE, $5, $8, $6, $10, NULL, NULL, $11, $1, $9)
        ON CONFLICT (id) DO UPDATE SET ${childColumns
          .split(',')
          .map((column) => `${column.trim()} = excluded.${column.trim()}`)
          .join(', ')}),
      e AS (INSERT INTO transaction_events (context, id, merchant_account_id, name, occurred_at, sequence, subject_id, transaction_id)
        VALUES ($12, $7, $8, $13, $9, $4, $5, $1)),
      a AS (UPDATE transaction_activity SET ${activityColumns} WHERE id = (SELECT id FROM t)),
      o AS (INSERT INTO outbox (events) VALUES (jsonb_build_array($14::jsonb)))${riding ? `, k AS (${riding})` : ''}
     SELECT CASE WHEN count(*) = 1 THEN 1 ELSE CAST('kessai_version_conflict:' || count(*) AS int) END AS updated FROM t`,
    values,
  };
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
