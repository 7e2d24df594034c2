import { createHash, randomUUID } from 'node:crypto';
import {
  IDEMPOTENCY_BEGIN_SQL,
  IDEMPOTENCY_COMPLETE_SQL,
  type KnownStates,
  type Pool,
  rawCaptureStatement,
  rawReservation,
} from '@kessai/adapters-postgres';
import { authorizedTransaction } from '@kessai/domain/testing';

/** A stored response the size of the API's (a whole transaction), as the idempotency record keeps it. */
const RESPONSE = JSON.stringify(authorizedTransaction(new Date(), { merchantAccountId: 'bench' }).toData());
const HEADERS = JSON.stringify({ 'content-type': 'application/json; charset=utf-8' });
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The capture path's SQL, sent by hand from Node with nothing else: what `POST /transactions/{id}/capture` costs
 * the database, i.e. the physical limit the API is measured against. The same statements, in the same shape and
 * with values of the same size: idempotency begin and complete (the store's own prepared SQL), the reservation
 * and the outcome (one version-checked statement each, as the repository sends them once it knows the
 * transaction: `known` is warm). (The connection's read is cached in the API process, so it is not here either.)
 */
export async function rawCapturePath(pool: Pool, id: string, merchant: string, known: KnownStates): Promise<void> {
  const key = randomUUID();
  const fingerprint = createHash('sha256').update(`${id}:${key}`).digest('hex');
  const now = new Date();
  const begun = await pool.query({
    name: 'raw_idempotency_begin',
    text: IDEMPOTENCY_BEGIN_SQL,
    values: [merchant, key, fingerprint, now, new Date(now.getTime() + 60_000), new Date(now.getTime() - DAY_MS)],
  });
  if (begun.rowCount !== 1) throw new Error('idempotency key taken');
  const captureId = await rawReservation(pool, id, merchant, known);
  const state = known.get(id);
  if (!state) throw new Error(`transaction ${id} not known after its reservation`);
  const written = await pool.query<{ updated: number }>(
    rawCaptureStatement(id, merchant, captureId, state, 'succeeded'),
  );
  if (written.rows[0]?.updated !== 1) throw new Error('version moved');
  known.set(id, { ...state, version: state.version + 1, event_count: state.event_count + 1 });
  await pool.query({
    name: 'raw_idempotency_complete',
    text: IDEMPOTENCY_COMPLETE_SQL,
    values: [merchant, key, fingerprint, 200, RESPONSE, HEADERS, new Date()],
  });
}
