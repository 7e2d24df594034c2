import { type RequestWrites, Transaction, TransactionNotFoundError, type UpdateResult } from '@kessai/domain';
import type { Knex } from 'knex';
import { isVersionConflict, translated, translatePgError } from './pg-errors';
import { keepsPreparedStatements, type PgConnection, query, send, withConnection } from './pooled-connection';
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
   * returns (when it has changes), then `COMMIT`. `decide` runs on the stored state while the lock is held.
   */
  private async locked(
    merchantAccountId: string,
    id: string,
    decide: (stored: RecentState) => Transaction,
    request: RequestWrites,
  ): Promise<Transaction> {
    return translated(() =>
      withConnection(this.knex, async (connection) => {
        try {
          const loaded = await lockAndLoad(connection, merchantAccountId, id);
          if (!loaded) throw new TransactionNotFoundError(`transaction ${id} was not found`);
          const transaction = decide(loaded);
          if (transaction.hasChanges()) {
            const write = unitOfWork(transaction, loaded, request);
            await send(connection, write.statement);
            await send(connection, { text: 'COMMIT' });
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

async function lockAndLoad(connection: PgConnection, merchantAccountId: string, id: string) {
  if (!isTransactionId(id)) return undefined;
  let rows: LoadedRow[];
  try {
    const load = !keepsPreparedStatements(connection) ? 'inline' : preparedLoad.has(connection) ? 'execute' : 'prepare';
    rows = await send<LoadedRow>(connection, { text: lockAndLoadSql(merchantAccountId, id, load) });
  } catch (error) {
    // Prepared earlier in a query that then failed: the statement exists, only our note of it is missing.
    if ((error as { code?: string }).code !== '42P05') throw error;
    preparedLoad.add(connection);
    rows = await send<LoadedRow>(connection, { text: lockAndLoadSql(merchantAccountId, id, 'execute') });
  }
  preparedLoad.add(connection);
  return rows[0] && loadedState(rows[0]);
}

/**
 * Errors after which PostgreSQL certainly rolled the statement back and a newer stored state is the likely
 * cause: the version check, or a history sequence / child row another writer took first.
 */
function refusedAsStale(error: unknown): boolean {
  const code = String((error as { code?: unknown }).code ?? '');
  return isVersionConflict(error) || code.startsWith('23') || code.startsWith('40');
}
