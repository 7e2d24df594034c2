import type { Knex } from 'knex';
import * as initial from './001-initial';
import * as moneyGuard from './002-money-guard-triggers';
import * as merchantWebhooks from './003-merchant-webhooks';
import * as captureProviderIds from './004-capture-provider-ids';
import * as refundParts from './005-refund-parts';
import * as gr4vySdk from './006-gr4vy-sdk';
import * as dashboardUsers from './007-dashboard-users';
import * as retention from './008-retention';
import * as jobWorkerHeartbeats from './009-job-worker-heartbeats';
import * as overviewIndexes from './010-overview-indexes';
import * as moneyGuardChecks from './011-money-guard-checks';
import * as searchByPart from './012-search-by-part';
import * as apiKeyScopesAndUse from './013-api-key-scopes-and-use';
import * as dashboardTeamAndAudit from './014-dashboard-team-and-audit';
import * as webhookEventTypes from './015-webhook-event-types';
import * as reconciliation from './016-reconciliation';
import * as transactionActivity from './017-transaction-activity';
import * as outboxUnitsOfWork from './018-outbox-units-of-work';
import * as checkoutSessions from './019-checkout-sessions';
import * as figuresAndFirstPassword from './020-figures-and-first-password';
import * as figuresShards from './021-figures-shards';
import * as inboxPendingByOrder from './022-inbox-pending-by-order';

interface Migration {
  up(knex: Knex): Promise<void>;
  down(knex: Knex): Promise<void>;
  /** `transaction: false` for statements PostgreSQL refuses in a transaction (CREATE INDEX CONCURRENTLY). */
  config?: { transaction: boolean };
}

/** Migrations as modules, not files found on disk: the same list works from TypeScript (tests) and from dist. */
const MIGRATIONS: ReadonlyArray<[string, Migration]> = [
  ['001-initial', initial],
  ['002-money-guard-triggers', moneyGuard],
  ['003-merchant-webhooks', merchantWebhooks],
  ['004-capture-provider-ids', captureProviderIds],
  ['005-refund-parts', refundParts],
  ['006-gr4vy-sdk', gr4vySdk],
  ['007-dashboard-users', dashboardUsers],
  ['008-retention', retention],
  ['009-job-worker-heartbeats', jobWorkerHeartbeats],
  ['010-overview-indexes', overviewIndexes],
  ['011-money-guard-checks', moneyGuardChecks],
  ['012-search-by-part', searchByPart],
  ['013-api-key-scopes-and-use', apiKeyScopesAndUse],
  ['014-dashboard-team-and-audit', dashboardTeamAndAudit],
  ['015-webhook-event-types', webhookEventTypes],
  ['016-reconciliation', reconciliation],
  ['017-transaction-activity', transactionActivity],
  ['018-outbox-units-of-work', outboxUnitsOfWork],
  ['019-checkout-sessions', checkoutSessions],
  ['020-figures-and-first-password', figuresAndFirstPassword],
  ['021-figures-shards', figuresShards],
  ['022-inbox-pending-by-order', inboxPendingByOrder],
];

const source: Knex.MigrationSource<[string, Migration]> = {
  getMigrations: async () => [...MIGRATIONS],
  getMigrationName: ([name]) => name,
  getMigration: async ([, migration]) => migration,
};

const config = { migrationSource: source, tableName: 'kessai_migrations' };

export async function migrate(knex: Knex): Promise<string[]> {
  const [, applied] = (await knex.migrate.latest(config)) as [number, string[]];
  return applied;
}

export async function rollback(knex: Knex, all = true): Promise<string[]> {
  const [, undone] = (await knex.migrate.rollback(config, all)) as [number, string[]];
  return undone;
}

/** One migration by name, up or down, alone: a benchmark compares the schema with and without it. */
export async function stepMigration(knex: Knex, name: string, direction: 'up' | 'down'): Promise<void> {
  await knex.migrate[direction]({ ...config, name });
}

/** Names of migrations not applied yet (empty = current). */
export async function pendingMigrations(knex: Knex): Promise<string[]> {
  const [, pending] = (await knex.migrate.list(config)) as [unknown[], Array<[string, Migration]>];
  return pending.map(([name]) => name);
}

/** The database's schema is older than this code: a process that does not migrate refuses to run on it. */
export class SchemaBehindError extends Error {
  constructor(readonly pending: readonly string[]) {
    super(`the database schema is behind this code (not applied: ${pending.join(', ')}): run \`kessai migrate\` first`);
    this.name = 'SchemaBehindError';
  }
}
