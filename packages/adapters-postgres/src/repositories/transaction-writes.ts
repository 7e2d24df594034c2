import { type RequestWrites, Transaction, TransactionNotFoundError, type UpdateResult } from '@kessai/domain';
import type { Knex } from 'knex';
import type { QueryResult } from 'pg';
import { isVersionConflict, PREPARED_STATEMENT_EXISTS, sqlStateOf, translated, translatePgError } from './pg-errors';
import {
  keepsPreparedStatements,
  type PgConnection,
  query,
  send,
  sendAll,
  unwrapped,
  withConnection,
} from './pooled-connection';
import { ServerStatementMissedError, ServerStatements } from './pooler-prepared-statements';
import type { RecentState, RecentStates } from './recent-states';
import {
  isTransactionId,
  type LoadedRow,
  loadedState,
  lockAndLoadSql,
  requestOnly,
  storedVersion,
  unitOfWork,
} from './transaction-sql';

/** Connections on which the locked load is prepared: a property of the session, whichever repository uses it. */
const preparedLoad = new WeakSet<object>();

/** The writes of KnexTransactionRepository, every one a `unitOfWork` statement (see the repository's strategy). */
export class TransactionWrites {
  constructor(
    private readonly knex: Knex,
    private readonly recent: RecentStates,
  ) {}

  async add(transaction: Transaction): Promise<void> {
    const write = unitOfWork(transaction, undefined);
    await translated(() => query(this.knex, write.statement));
    transaction.markPersisted();
    this.recent.remember(write.stored);
  }

  async update<R>(
    merchantAccountId: string,
    id: string,
    change: (transaction: Transaction) => R,
    request: RequestWrites = {},
  ): Promise<UpdateResult<R>> {
    const done = await this.decideAndWrite(merchantAccountId, id, change, request);
    request.claim?.taken?.();
    return done;
  }

  private async decideAndWrite<R>(
    merchantAccountId: string,
    id: string,
    change: (transaction: Transaction) => R,
    request: RequestWrites,
  ): Promise<UpdateResult<R>> {
    const recent = this.recent.get(merchantAccountId, id);
    if (recent) {
      const done = await this.updateRecent(recent, change, request);
      if (done) return done;
    }
    let result: R | undefined;
    const transaction = await this.locked(
      merchantAccountId,
      id,
      (stored) => {
        const decided = Transaction.rehydrate(stored.state, stored.version);
        result = change(decided);
        return decided;
      },
      request,
    );
    return { transaction, result: result as R };
  }

  /**
   * One round trip: `change` decides on the state this process last saw. A change is written alone, checked
   * against the stored version; a refusal or a no-op stands once a read of the stored version shows that state
   * is still the stored one (as if the row lock had been taken at that read: the decision is ordered before any
   * writer still in flight). `undefined`, with nothing written, when the state turned out old.
   */
  private async updateRecent<R>(
    recent: RecentState,
    change: (transaction: Transaction) => R,
    request: RequestWrites,
  ): Promise<UpdateResult<R> | undefined> {
    const transaction = Transaction.rehydrate(recent.state, recent.version);
    let result: R;
    try {
      result = change(transaction);
    } catch (refusal) {
      if (await this.isStoredVersion(recent)) throw refusal;
      return undefined;
    }
    if (!transaction.hasChanges()) {
      if (!(await this.isStoredVersion(recent))) return undefined;
      const alone = requestOnly(transaction, request);
      if (alone) await translated(() => query(this.knex, alone));
      return { transaction, result };
    }
    const write = unitOfWork(transaction, recent, request);
    try {
      await query(this.knex, write.statement);
    } catch (error) {
      this.recent.forget(recent.state.details.id);
      // Only a statement PostgreSQL refused was certainly not written; after any other failure (a connection
      // lost with the reply) the write may have happened, and deciding again could apply the change twice.
      if (refusedAsStale(error)) return undefined;
      throw translatePgError(error);
    }
    transaction.markPersisted();
    this.recent.remember(write.stored);
    if (write.marksWebhooks) request.webhooks?.marked?.();
    return { transaction, result };
  }

  /** Whether `recent` is still the stored state (every committed write moves the version). */
  private async isStoredVersion(recent: RecentState): Promise<boolean> {
    const { id } = recent.state.details;
    const [row] = await translated(() => query<{ version: number }>(this.knex, storedVersion(id)));
    if (row?.version === recent.version) return true;
    this.recent.forget(id);
    return false;
  }

  /**
   * On one pooled connection: `BEGIN` + the row lock + the load in one round trip, then the unit of work `decide`
   * returns (when it has changes), then `COMMIT`. `decide` runs on the stored state while the lock is held. Through
   * a pooler the write is prepared on its server connection and shares a query with the `COMMIT`
   * (`ServerStatements`); when this process's belief of what that connection holds was wrong, nothing was written
   * and it decides again, twice at most, then sends the write unnamed.
   */
  private async locked(
    merchantAccountId: string,
    id: string,
    decide: (stored: RecentState) => Transaction,
    request: RequestWrites,
  ): Promise<Transaction> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.lockedOnce(merchantAccountId, id, decide, request, attempt <= 2);
      } catch (error) {
        if (!(error instanceof ServerStatementMissedError)) throw error;
      }
    }
  }

  private lockedOnce(
    merchantAccountId: string,
    id: string,
    decide: (stored: RecentState) => Transaction,
    request: RequestWrites,
    prepareOnServer: boolean,
  ): Promise<Transaction> {
    return translated(() =>
      withConnection(this.knex, async (connection) => {
        try {
          const locked = await lockAndLoad(connection, merchantAccountId, id);
          if (!locked) throw new TransactionNotFoundError(`transaction ${id} was not found`);
          const { loaded, backend } = locked;
          const transaction = decide(loaded);
          if (transaction.hasChanges()) {
            const write = unitOfWork(transaction, loaded, request);
            if (prepareOnServer && backend !== undefined && !keepsPreparedStatements(connection))
              await serverStatements(this.knex).executeAndCommit(unwrapped(connection), backend, write.statement);
            else {
              await send(connection, write.statement);
              await send(connection, { text: 'COMMIT' });
            }
            transaction.markPersisted();
            this.recent.remember(write.stored);
            if (write.marksWebhooks) request.webhooks?.marked?.();
          } else {
            const alone = requestOnly(transaction, request);
            if (alone) await send(connection, alone);
            await send(connection, { text: 'COMMIT' });
            this.recent.remember(loaded);
          }
          return transaction;
        } catch (error) {
          this.recent.forget(id);
          await send(connection, { text: 'ROLLBACK' }).catch(() => undefined);
          throw error;
        }
      }),
    );
  }
}

/** What the pool's server connections are known to hold: per knex instance, the pool's own PostgreSQL. */
const serverStatementsByPool = new WeakMap<Knex, ServerStatements>();

function serverStatements(knex: Knex): ServerStatements {
  let known = serverStatementsByPool.get(knex);
  if (!known) {
    known = new ServerStatements();
    serverStatementsByPool.set(knex, known);
  }
  return known;
}

/** The stored state under the row lock, and the backend pid the transaction runs on (the lock's answer). */
async function lockAndLoad(connection: PgConnection, merchantAccountId: string, id: string) {
  if (!isTransactionId(id)) return undefined;
  let results: Array<QueryResult<LoadedRow>>;
  try {
    const load = !keepsPreparedStatements(connection) ? 'inline' : preparedLoad.has(connection) ? 'execute' : 'prepare';
    results = await sendAll<LoadedRow>(connection, lockAndLoadSql(merchantAccountId, id, load));
  } catch (error) {
    // Prepared earlier in a query that then failed: the statement exists, only our note of it is missing.
    if (sqlStateOf(error) !== PREPARED_STATEMENT_EXISTS) throw error;
    preparedLoad.add(connection);
    results = await sendAll<LoadedRow>(connection, lockAndLoadSql(merchantAccountId, id, 'execute'));
  }
  preparedLoad.add(connection);
  const row = results.at(-1)?.rows[0];
  if (!row) return undefined;
  const backend = (results.at(-2)?.rows[0] as { backend?: unknown } | undefined)?.backend;
  return { loaded: loadedState(row), backend: typeof backend === 'number' ? backend : undefined };
}

/**
 * Errors after which PostgreSQL certainly rolled the statement back and a newer stored state is the likely
 * cause: the version check, or a history sequence / child row another writer took first.
 */
function refusedAsStale(error: unknown): boolean {
  const code = sqlStateOf(error);
  return isVersionConflict(error) || code.startsWith('23') || code.startsWith('40');
}
