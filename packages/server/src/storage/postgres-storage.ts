import {
  CredentialCipher,
  connectPostgres,
  countTransactionsByStatus,
  GraphileJobScheduler,
  type Knex,
  KnexApiKeyRegistry,
  KnexBuyerRepository,
  KnexCheckoutSessionRepository,
  KnexEmbedOriginRegistry,
  KnexIdempotencyStore,
  KnexOutbox,
  KnexPaymentServiceRepository,
  KnexReconciliationStore,
  KnexTransactionAnalytics,
  KnexTransactionRepository,
  KnexWebhookDeliveryRepository,
  KnexWebhookInbox,
  KnexWebhookSubscriptionRepository,
  migrateDatabase,
  pendingMigrations,
  readiness,
  resolveDatabase,
  SchemaBehindError,
} from '@kessai/adapters-postgres';
import type { Config } from '../composition/config';
import { postgresDashboardStorage } from './dashboard-storage';
import { databaseUrls } from './database-urls';
import type { OpenStorage, StorageModule } from './storage-module';

export interface PostgresRuntime extends OpenStorage {
  knex: Knex;
  jobs: GraphileJobScheduler;
}

export interface OpenPostgresOptions {
  /**
   * `apply` brings the schema up to date first (`kessai migrate`, the dev stack); `require` refuses to open a
   * database whose schema is behind this code (`serve`, `worker`: many of them start at once, none migrates).
   */
  migrations: 'apply' | 'require';
  progress?: (line: string) => void;
}

/** Storage `postgres`: DATABASE_URL or the embedded server, with the job queue on the same database. */
export async function openPostgres(config: Config, options: OpenPostgresOptions): Promise<PostgresRuntime> {
  const { progress } = options;
  const started = Date.now();
  const database = await resolveDatabase(config, { dataDir: config.DATA_DIR, ...(progress ? { log: progress } : {}) });
  const { embedded } = database;
  progress?.(
    embedded
      ? `PostgreSQL ${embedded.owned ? 'ready' : 'already running (shared with its owner)'} on 127.0.0.1:${embedded.port}, data in ${embedded.dataDir} (${seconds(started)})`
      : `PostgreSQL at DATABASE_URL (${seconds(started)})`,
  );
  const urls = databaseUrls(config, { connectionString: database.connectionString, embedded: embedded !== null });
  const knex = connectPostgres(urls.url, {
    poolMax: config.DATABASE_POOL_MAX,
    preparedStatements: urls.preparedStatements,
  });
  let jobs: GraphileJobScheduler | undefined;
  try {
    const migrating = Date.now();
    if (options.migrations === 'apply') {
      const applied = await migrateDatabase(urls.directUrl);
      progress?.(`migrations ${applied.length > 0 ? `applied: ${applied.length}` : 'current'} (${seconds(migrating)})`);
    }
    jobs = await GraphileJobScheduler.connect(urls, { deadAfterMs: config.JOB_WORKER_DEAD_AFTER_SECONDS * 1000 });
    if (options.migrations === 'require') await requireCurrentSchema(knex, jobs);
  } catch (error) {
    await jobs?.close();
    await knex.destroy();
    await database.stop();
    throw error;
  }
  const cipher = cipherFrom(config);
  const storage: StorageModule = {
    transactions: new KnexTransactionRepository(knex),
    analytics: new KnexTransactionAnalytics(knex),
    outbox: new KnexOutbox(knex),
    idempotency: new KnexIdempotencyStore(knex),
    inbox: new KnexWebhookInbox(knex),
    paymentServices: new KnexPaymentServiceRepository(knex, cipher),
    buyers: new KnexBuyerRepository(knex),
    checkoutSessions: new KnexCheckoutSessionRepository(knex),
    embedOrigins: new KnexEmbedOriginRegistry(knex),
    apiKeys: new KnexApiKeyRegistry(knex),
    webhookSubscriptions: new KnexWebhookSubscriptionRepository(knex, cipher),
    webhookDeliveries: new KnexWebhookDeliveryRepository(knex),
    reconciliation: new KnexReconciliationStore(knex),
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

async function requireCurrentSchema(knex: Knex, jobs: GraphileJobScheduler): Promise<void> {
  const pending = await pendingMigrations(knex);
  if (!(await jobs.isMigrated())) pending.push('graphile-worker');
  if (pending.length > 0) throw new SchemaBehindError(pending);
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
