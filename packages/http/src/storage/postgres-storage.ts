import {
  CredentialCipher,
  connectPostgres,
  countTransactionsByStatus,
  GraphileJobScheduler,
  type Knex,
  KnexApiKeyRegistry,
  KnexBuyerRepository,
  KnexIdempotencyStore,
  KnexOutbox,
  KnexPaymentServiceRepository,
  KnexTransactionRepository,
  KnexWebhookDeliveryRepository,
  KnexWebhookInbox,
  KnexWebhookSubscriptionRepository,
  migrate,
  readiness,
  resolveDatabase,
} from '@kessai/adapters-postgres';
import type { ApiKeyRegistry } from '../auth/api-keys';
import type { Config } from '../composition/config';
import { postgresDashboardStorage } from './dashboard-storage';
import type { OpenStorage, StorageModule } from './storage-module';

export interface PostgresRuntime extends OpenStorage {
  knex: Knex;
  jobs: GraphileJobScheduler;
}

/** Storage `postgres`: DATABASE_URL or the embedded server, migrated, with the job queue on the same database. */
export async function openPostgres(config: Config, progress?: (line: string) => void): Promise<PostgresRuntime> {
  const started = Date.now();
  const database = await resolveDatabase(config, { dataDir: config.DATA_DIR, ...(progress ? { log: progress } : {}) });
  const { embedded } = database;
  progress?.(
    embedded
      ? `PostgreSQL ${embedded.owned ? 'ready' : 'already running (shared with its owner)'} on 127.0.0.1:${embedded.port}, data in ${embedded.dataDir} (${seconds(started)})`
      : `PostgreSQL at DATABASE_URL (${seconds(started)})`,
  );
  const knex = connectPostgres(database.connectionString, { poolMax: config.DATABASE_POOL_MAX });
  let jobs: GraphileJobScheduler | undefined;
  try {
    const migrating = Date.now();
    const applied = await migrate(knex);
    jobs = await GraphileJobScheduler.connect(database.connectionString);
    progress?.(`migrations ${applied.length > 0 ? `applied: ${applied.length}` : 'current'} (${seconds(migrating)})`);
  } catch (error) {
    await knex.destroy();
    await database.stop();
    throw error;
  }
  const cipher = cipherFrom(config);
  const storage: StorageModule = {
    transactions: new KnexTransactionRepository(knex),
    outbox: new KnexOutbox(knex),
    idempotency: new KnexIdempotencyStore(knex),
    inbox: new KnexWebhookInbox(knex),
    paymentServices: new KnexPaymentServiceRepository(knex, cipher),
    buyers: new KnexBuyerRepository(knex),
    apiKeys: new KnexApiKeyRegistry(knex) as unknown as ApiKeyRegistry,
    webhookSubscriptions: new KnexWebhookSubscriptionRepository(knex, cipher),
    webhookDeliveries: new KnexWebhookDeliveryRepository(knex),
    dashboard: postgresDashboardStorage(knex),
    readiness: () => readiness(knex),
    collectGauges: async (metrics) => {
      metrics.transactionsByStatus.reset();
      for (const [status, count] of Object.entries(await countTransactionsByStatus(knex)))
        metrics.transactionsByStatus.set({ status }, count);
      metrics.jobQueueLag.set({ queue: 'graphile_worker' }, await (jobs as GraphileJobScheduler).lagSeconds());
    },
  };
  return {
    knex,
    storage,
    jobs,
    /** After the job worker stopped (the runtime stops it first). */
    async close() {
      await jobs?.close();
      await knex.destroy();
      await database.stop();
    },
  };
}

function seconds(since: number): string {
  return `${((Date.now() - since) / 1000).toFixed(1)} s`;
}

/** Credentials are sealed with KESSAI_ENCRYPTION_KEY; without one there is no safe way to store them. */
function cipherFrom(config: Config): CredentialCipher {
  if (!config.KESSAI_ENCRYPTION_KEY) {
    throw new Error(
      'KESSAI_ENCRYPTION_KEY is required with DATABASE_URL (32 bytes, base64): the one this database was first used with',
    );
  }
  return new CredentialCipher(config.KESSAI_ENCRYPTION_KEY_ID, {
    [config.KESSAI_ENCRYPTION_KEY_ID]: Buffer.from(config.KESSAI_ENCRYPTION_KEY, 'base64'),
  });
}
