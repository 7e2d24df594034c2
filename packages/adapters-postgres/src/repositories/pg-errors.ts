import {
  ConcurrencyConflictError,
  DuplicateRecordError,
  IdempotencyKeyHeldError,
  MoneyInvariantViolation,
} from '@kessai/domain';

/** `EXECUTE` of a name the server connection holds no statement for (SQLSTATE invalid_sql_statement_name). */
export const PREPARED_STATEMENT_MISSING = '26000';
/** `PREPARE` of a name the server connection already holds (SQLSTATE duplicate_prepared_statement). */
export const PREPARED_STATEMENT_EXISTS = '42P05';

export const VERSION_CONFLICT = 'kessai_version_conflict';

/** The SQLSTATE of what node-postgres threw; '' for anything else (a lost connection, a bug). */
export function sqlStateOf(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : '';
}
/** Raised the same way by a write whose request's Idempotency-Key another request holds. */
export const KEY_HELD = 'kessai_idempotency_key_held';

/**
 * Raised on purpose by a write statement whose version check found the row changed (see `unitOfWork` in `transaction-sql.ts`):
 * a cast of `VERSION_CONFLICT:<rows>` to int, so the statement and everything it carried are rolled back.
 */
export function isVersionConflict(error: unknown): boolean {
  return sqlStateOf(error) === '22P02' && String((error as { message?: unknown }).message).includes(VERSION_CONFLICT);
}

function isKeyHeld(error: unknown): boolean {
  return sqlStateOf(error) === '22P02' && String((error as { message?: unknown }).message).includes(KEY_HELD);
}

/** A row names one that is not there (or was deleted by a concurrent transaction before this one committed). */
export function isForeignKeyViolation(error: unknown): boolean {
  return sqlStateOf(error) === '23503';
}

/** A write broke the named unique index (or constraint): another row already holds the value. */
export function isUniqueViolation(error: unknown, constraint: string): boolean {
  return sqlStateOf(error) === '23505' && (error as { constraint?: unknown }).constraint === constraint;
}

/** PostgreSQL's SQLSTATEs → the domain's typed errors, so callers never see driver errors for rule breaks. */
export function translatePgError(error: unknown): unknown {
  const code = sqlStateOf(error);
  const detail =
    (error as { constraint?: string; detail?: string }).constraint ?? (error as { detail?: string }).detail ?? '';
  switch (code) {
    case '23505':
      return new DuplicateRecordError(`duplicate record (${detail})`);
    case '23514':
      return new MoneyInvariantViolation(`the database refused a write that breaks ${detail || 'a money constraint'}`);
    case '22P02':
      // Any other invalid text representation stays as it is.
      if (isKeyHeld(error)) return new IdempotencyKeyHeldError('the Idempotency-Key is held by another request');
      return isVersionConflict(error)
        ? new ConcurrencyConflictError('the transaction changed since it was loaded')
        : error;
    case '40001':
    case '40P01':
      return new ConcurrencyConflictError('the database aborted a conflicting concurrent write; retry');
    default:
      return error;
  }
}

export async function translated<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw translatePgError(error);
  }
}
