import { createHash, randomUUID } from 'node:crypto';
import { connectPostgres, KnexTransactionRepository, migrate, Pool } from '@kessai/adapters-postgres';
import { keepAnswerSql, takeKeySql } from '@kessai/adapters-postgres/sql';
import { authorizedTransaction } from '@kessai/domain/testing';
import { type KnownStates, rawCaptureStatement, rawReservation } from '../postgres/reservations';
import type { LoadResult } from './load';

/** A stored response the size of the API's (a whole transaction), as the idempotency record keeps it. */
const RESPONSE = JSON.stringify(authorizedTransaction(new Date(), { merchantAccountId: 'bench' }).summary());

/**
 * The capture path's SQL, sent by hand from Node with nothing else: what `POST /transactions/{id}/capture` costs
 * the database, i.e. the physical limit the API is measured against. The same statements, in the same shape and
 * with values of the same size: the reservation with the request's Idempotency-Key taken in it, and the outcome
 * with the stored answer (one version-checked statement each, as the repository sends them once it knows the
 * transaction: `known` is warm; the key's and answer's parts are the store's own SQL). Left out: the overview
 * rollup's upsert. (The connection's read is cached in the API process, so it is not here either.)
 */
export async function rawCapturePath(pool: Pool, id: string, merchant: string, known: KnownStates): Promise<void> {
  const key = randomUUID();
  const fingerprint = createHash('sha256').update(`${id}:${key}`).digest('hex');
  const claim = { scope: { merchantAccountId: merchant, key }, fingerprint, now: new Date(), leaseMs: 60_000 };
  const captureId = await rawReservation(pool, id, merchant, known, (place) => takeKeySql(claim, undefined, place));
  const state = known.get(id);
  if (!state) throw new Error(`transaction ${id} not known after its reservation`);
  const answer = { statusCode: 200, body: RESPONSE, headers: { 'content-type': 'application/json; charset=utf-8' } };
  const written = await pool.query<{ updated: number }>(
    rawCaptureStatement(id, merchant, captureId, state, 'succeeded', (place) => keepAnswerSql(claim, answer, place)),
  );
  if (written.rows[0]?.updated !== 1) throw new Error('version moved');
  known.set(id, { ...state, version: state.version + 1, event_count: state.event_count + 1 });
}

/** What the raw capture path runs on: its own migrated database, 500 transactions, a pool, warm known states. */
export interface RawCaptureFixture {
  pool: Pool;
  ids: string[];
  known: KnownStates;
  close(): Promise<void>;
}

export async function rawCaptureFixture(databaseUrl: string, connections: number): Promise<RawCaptureFixture> {
  const knex = connectPostgres(databaseUrl, { poolMax: 4 });
  await migrate(knex);
  const repository = new KnexTransactionRepository(knex);
  const ids: string[] = [];
  for (let n = 0; n < 500; n++) {
    const tx = authorizedTransaction(new Date(), { merchantAccountId: 'bench', amount: 99_999_999 });
    await repository.add(tx);
    ids.push(tx.id);
  }
  await knex.destroy();
  const pool = new Pool({ connectionString: databaseUrl, max: connections });
  // Warm, as the API's repository is: it remembers the state it last wrote of each transaction.
  const known: KnownStates = new Map();
  for (const id of ids) await rawReservation(pool, id, 'bench', known);
  return { pool, ids, known, close: () => pool.end() };
}

/**
 * The capture path's statements for `seconds`, `connections` at a time, timed like a load: captures per second,
 * and the latency percentiles of one capture's two statements.
 */
export async function runRawCapturePath(
  fixture: RawCaptureFixture,
  connections: number,
  seconds: number,
): Promise<LoadResult> {
  const latencies: number[] = [];
  const started = performance.now();
  const deadline = started + seconds * 1000;
  let errors = 0;
  await Promise.all(
    Array.from({ length: connections }, async (_, worker) => {
      for (let n = worker; performance.now() < deadline; n += connections) {
        const before = performance.now();
        try {
          await rawCapturePath(fixture.pool, fixture.ids[n % fixture.ids.length] as string, 'bench', fixture.known);
          latencies.push(performance.now() - before);
        } catch {
          errors++;
        }
      }
    }),
  );
  const duration = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const at = (q: number) =>
    Math.round(latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0);
  return {
    requestsPerSecond: latencies.length / duration,
    responsesPerSecond: latencies.length / duration,
    total: latencies.length,
    duration,
    p50: at(0.5),
    p99: at(0.99),
    non2xx: 0,
    errors,
  };
}
