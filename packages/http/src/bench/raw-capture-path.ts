import { randomUUID } from 'node:crypto';
import { inlineBindings, type Pool, rawLockAndLoad, rawReservation } from '@kessai/adapters-postgres';

/**
 * The capture path's SQL, sent by hand from Node with nothing else: what `POST /transactions/{id}/capture` costs
 * the database, i.e. the physical limit the API is measured against (prepared where the repository's are).
 * Idempotency begin; the reservation unit of
 * work (BEGIN + lock + load, one write statement, COMMIT); the outcome unit of work (the same three); idempotency
 * complete with the response. (The connection's read is cached in the API process, so it is not here either.)
 */
export async function rawCapturePath(pool: Pool, id: string, merchant: string): Promise<void> {
  const key = randomUUID();
  const begun = await pool.query({
    name: 'raw_idempotency_begin',
    text: `INSERT INTO idempotency_keys AS k (merchant_account_id, key, fingerprint, created_at, locked_until)
     VALUES ($1, $2, 'f', now(), now() + interval '60 seconds') ON CONFLICT (merchant_account_id, key) DO NOTHING
     RETURNING k.key`,
    values: [merchant, key],
  });
  if (begun.rowCount !== 1) throw new Error('idempotency key taken');
  const captureId = await rawReservation(pool, id, merchant);

  let response = '';
  const client = await pool.connect();
  try {
    const locked = await rawLockAndLoad(client, id, merchant);
    const row = locked?.rows[0];
    if (!row) throw new Error(`transaction ${id} not found`);
    const eventId = randomUUID();
    await client.query(
      `${inlineBindings(
        `WITH t AS (UPDATE transactions SET status = 'capture_succeeded', captured_amount = captured_amount + 1,
          updated_at = now(), version = $3, event_count = $4 WHERE id = $1 AND version = $2 RETURNING id),
        c AS (UPDATE captures SET status = 'succeeded', updated_at = now() WHERE id = $5),
        e AS (INSERT INTO transaction_events (id, transaction_id, merchant_account_id, sequence, name, subject_id, occurred_at, context)
          VALUES ($6, $1, $7, $4, 'transaction.captured', $5, now(), '{}')),
        o AS (INSERT INTO outbox (event_id, merchant_account_id, transaction_id, event) VALUES ($6, $7, $1, '{}'))
       SELECT count(*)::int AS updated FROM t`,
        [id, row.version, row.version + 1, row.event_count + 1, captureId, eventId, merchant],
      )}; COMMIT`,
    );
    response = JSON.stringify(row);
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    client.release();
  }
  await pool.query({
    name: 'raw_idempotency_complete',
    text: `UPDATE idempotency_keys SET response_status = 200, response_body = $3, response_headers = '{}', locked_until = now()
     WHERE merchant_account_id = $1 AND key = $2`,
    values: [merchant, key, response],
  });
}
