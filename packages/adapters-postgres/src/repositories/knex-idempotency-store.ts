import {
  IDEMPOTENCY_TTL_MS,
  type IdempotencyBeginResult,
  type IdempotencyScope,
  type IdempotencyStore,
  type StoredResponse,
} from '@kessai/domain';
import type { Knex } from 'knex';
import { deleteOldest } from './delete-oldest';
import { preparedQuery } from './prepared-query';

interface Row {
  merchant_account_id: string;
  key: string;
  fingerprint: string;
  created_at: Date;
  locked_until: Date;
  response_status: number | null;
  response_body: string | null;
  response_headers: Record<string, string> | null;
}

/**
 * Takes the key (or a key expired past its TTL, or a lease that ran out with the same request). Exported for the
 * benchmark's raw baseline, which sends the same statements.
 */
export const IDEMPOTENCY_BEGIN_SQL = `INSERT INTO idempotency_keys AS k (merchant_account_id, key, fingerprint, created_at, locked_until)
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (merchant_account_id, key) DO UPDATE SET
         fingerprint = CASE WHEN k.created_at <= $6 THEN EXCLUDED.fingerprint ELSE k.fingerprint END,
         created_at = CASE WHEN k.created_at <= $6 THEN EXCLUDED.created_at ELSE k.created_at END,
         response_status = CASE WHEN k.created_at <= $6 THEN NULL ELSE k.response_status END,
         response_body = CASE WHEN k.created_at <= $6 THEN NULL ELSE k.response_body END,
         response_headers = CASE WHEN k.created_at <= $6 THEN NULL ELSE k.response_headers END,
         locked_until = EXCLUDED.locked_until
       WHERE k.created_at <= $6
          OR (k.response_status IS NULL AND k.locked_until <= $4 AND k.fingerprint = EXCLUDED.fingerprint)
       RETURNING true AS started`;

/** Stores the response of the request that holds the key. */
export const IDEMPOTENCY_COMPLETE_SQL = `UPDATE idempotency_keys SET response_status = $4, response_body = $5, response_headers = $6, locked_until = $7
        WHERE merchant_account_id = $1 AND key = $2 AND fingerprint = $3`;

/**
 * Idempotency keys in PostgreSQL. `begin` is one statement: insert the key, or — when the earlier entry expired
 * (24 h) or its in-flight lease ran out — take it over; the row that comes back says who won. Concurrent first
 * requests race on the primary key, so exactly one starts.
 */
export class KnexIdempotencyStore implements IdempotencyStore {
  constructor(
    private readonly knex: Knex,
    private readonly ttlMs = IDEMPOTENCY_TTL_MS,
  ) {}

  async begin(
    scope: IdempotencyScope,
    fingerprint: string,
    now: Date,
    leaseMs: number,
  ): Promise<IdempotencyBeginResult> {
    const expiredBefore = new Date(now.getTime() - this.ttlMs);
    const lockedUntil = new Date(now.getTime() + leaseMs);
    const rows = await preparedQuery<{ started: boolean }>(
      this.knex,
      'kessai_idempotency_begin',
      IDEMPOTENCY_BEGIN_SQL,
      [scope.merchantAccountId, scope.key, fingerprint, now, lockedUntil, expiredBefore],
    );
    if (rows.length > 0) return { kind: 'started' };
    const existing = await this.knex<Row>('idempotency_keys')
      .where({ merchant_account_id: scope.merchantAccountId, key: scope.key })
      .first();
    if (!existing) return this.begin(scope, fingerprint, now, leaseMs); // released between the two statements
    if (existing.fingerprint !== fingerprint) return { kind: 'mismatch' };
    if (existing.response_status !== null) {
      return {
        kind: 'replay',
        response: {
          statusCode: existing.response_status,
          body: existing.response_body ?? '',
          headers: existing.response_headers ?? {},
        },
      };
    }
    return { kind: 'in_flight' };
  }

  async complete(scope: IdempotencyScope, fingerprint: string, response: StoredResponse, now: Date): Promise<void> {
    await preparedQuery(this.knex, 'kessai_idempotency_complete', IDEMPOTENCY_COMPLETE_SQL, [
      scope.merchantAccountId,
      scope.key,
      fingerprint,
      response.statusCode,
      response.body,
      JSON.stringify(response.headers),
      now,
    ]);
  }

  async release(scope: IdempotencyScope): Promise<void> {
    await this.knex('idempotency_keys')
      .where({ merchant_account_id: scope.merchantAccountId, key: scope.key })
      .whereNull('response_status')
      .delete();
  }

  async prune(before: Date, limit: number): Promise<number> {
    const rows = { table: 'idempotency_keys', key: 'merchant_account_id, key', age: 'created_at' };
    return deleteOldest(this.knex, rows, before, limit);
  }
}
