import {
  IDEMPOTENCY_TTL_MS,
  type IdempotencyBeginResult,
  type IdempotencyClaim,
  type IdempotencyLookResult,
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
 * Takes the key (or a key expired past its TTL, or a lease that ran out with the same request), written with `$…`
 * names of its values in the order of `claimValues`; a row comes back when it was taken. With a response the key is
 * taken answered (a write whose request is claimed and answered at once).
 */
function takeKeyText([merchant, key, fingerprint, now, lockedUntil, expiredBefore, status, body, headers]: string[]) {
  return `INSERT INTO idempotency_keys AS k (merchant_account_id, key, fingerprint, created_at, locked_until, response_status, response_body, response_headers)
       VALUES (${merchant}, ${key}, ${fingerprint}, ${now}, ${lockedUntil}, ${status}, ${body}, ${headers})
       ON CONFLICT (merchant_account_id, key) DO UPDATE SET
         fingerprint = CASE WHEN k.created_at <= ${expiredBefore} THEN EXCLUDED.fingerprint ELSE k.fingerprint END,
         created_at = CASE WHEN k.created_at <= ${expiredBefore} THEN EXCLUDED.created_at ELSE k.created_at END,
         response_status = EXCLUDED.response_status,
         response_body = EXCLUDED.response_body,
         response_headers = EXCLUDED.response_headers,
         locked_until = EXCLUDED.locked_until
       WHERE k.created_at <= ${expiredBefore}
          OR (k.response_status IS NULL AND k.locked_until <= ${now} AND k.fingerprint = EXCLUDED.fingerprint)
       RETURNING true AS started`;
}

/** Stores the response of the request that holds the key. */
function keepAnswerText([merchant, key, fingerprint, status, body, headers, now]: string[]) {
  return `UPDATE idempotency_keys SET response_status = ${status}, response_body = ${body}, response_headers = ${headers}, locked_until = ${now}
        WHERE merchant_account_id = ${merchant} AND key = ${key} AND fingerprint = ${fingerprint}`;
}

const positional = (count: number) => Array.from({ length: count }, (_, i) => `$${i + 1}`);

/** `begin`'s statement. Exported for the benchmark's raw baseline, which sends the same statements. */
export const IDEMPOTENCY_BEGIN_SQL = takeKeyText(positional(9));
/** `complete`'s statement. */
export const IDEMPOTENCY_COMPLETE_SQL = keepAnswerText(positional(7));

function claimValues(claim: IdempotencyClaim, response: StoredResponse | undefined, ttlMs: number): unknown[] {
  const { scope, fingerprint, now, leaseMs } = claim;
  return [
    scope.merchantAccountId,
    scope.key,
    fingerprint,
    now,
    response ? now : new Date(now.getTime() + leaseMs),
    new Date(now.getTime() - ttlMs),
    response?.statusCode ?? null,
    response?.body ?? null,
    response ? JSON.stringify(response.headers) : null,
  ];
}

function answerValues(claim: IdempotencyClaim, response: StoredResponse): unknown[] {
  const { scope, fingerprint, now } = claim;
  const headers = JSON.stringify(response.headers);
  return [scope.merchantAccountId, scope.key, fingerprint, response.statusCode, response.body, headers, now];
}

/** A claim (answered or not) as a statement of a transaction's unit of work, its values placed by `parameter`. */
export function takeKeySql(
  claim: IdempotencyClaim,
  response: StoredResponse | undefined,
  parameter: (value: unknown) => string,
): string {
  return takeKeyText(claimValues(claim, response, IDEMPOTENCY_TTL_MS).map(parameter));
}

/** An answer as a statement of a transaction's unit of work, its values placed by `parameter`. */
export function keepAnswerSql(
  claim: IdempotencyClaim,
  response: StoredResponse,
  parameter: (value: unknown) => string,
): string {
  return keepAnswerText(answerValues(claim, response).map(parameter));
}

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
    const values = claimValues({ scope, fingerprint, now, leaseMs }, undefined, this.ttlMs);
    const rows = await preparedQuery<{ started: boolean }>(
      this.knex,
      'kessai_idempotency_begin',
      IDEMPOTENCY_BEGIN_SQL,
      values,
    );
    if (rows.length > 0) return { kind: 'started' };
    const seen = await this.look(scope, fingerprint, now);
    // Absent: released between the two statements, or its lease ran out since: try again.
    return seen.kind === 'absent' ? this.begin(scope, fingerprint, now, leaseMs) : seen;
  }

  async look(scope: IdempotencyScope, fingerprint: string, now: Date): Promise<IdempotencyLookResult> {
    const existing = await this.knex<Row>('idempotency_keys')
      .where({ merchant_account_id: scope.merchantAccountId, key: scope.key })
      .first();
    if (!existing || existing.created_at.getTime() <= now.getTime() - this.ttlMs) return { kind: 'absent' };
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
    return existing.locked_until.getTime() > now.getTime() ? { kind: 'in_flight' } : { kind: 'absent' };
  }

  async complete(scope: IdempotencyScope, fingerprint: string, response: StoredResponse, now: Date): Promise<void> {
    const values = answerValues({ scope, fingerprint, now, leaseMs: 0 }, response);
    await preparedQuery(this.knex, 'kessai_idempotency_complete', IDEMPOTENCY_COMPLETE_SQL, values);
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
