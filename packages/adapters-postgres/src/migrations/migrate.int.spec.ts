import { useTestDatabase } from '../testing/test-database';
import { migrate, pendingMigrations, rollback } from './migrate';

describe('migrations', () => {
  const database = useTestDatabase({ migrated: false });
  const tables = async () =>
    (await database().knex('pg_tables').where({ schemaname: 'public' }).pluck('tablename'))
      .filter((t: string) => !t.startsWith('kessai_migrations'))
      .sort();

  it('go up, down and up again', async () => {
    expect(await pendingMigrations(database().knex)).toEqual([
      '001-initial',
      '002-money-guard-triggers',
      '003-merchant-webhooks',
      '004-capture-provider-ids',
      '005-refund-parts',
      '006-gr4vy-sdk',
      '007-dashboard-users',
      '008-retention',
      '009-job-worker-heartbeats',
      '010-overview-indexes',
      '011-money-guard-checks',
      '012-search-by-part',
      '013-api-key-scopes-and-use',
      '014-dashboard-team-and-audit',
      '015-webhook-event-types',
      '016-reconciliation',
      '017-transaction-activity',
      '018-outbox-units-of-work',
      '019-checkout-sessions',
      '020-figures-and-first-password',
      '021-figures-shards',
      '022-inbox-pending-by-order',
    ]);
    expect(await migrate(database().knex)).toEqual([
      '001-initial',
      '002-money-guard-triggers',
      '003-merchant-webhooks',
      '004-capture-provider-ids',
      '005-refund-parts',
      '006-gr4vy-sdk',
      '007-dashboard-users',
      '008-retention',
      '009-job-worker-heartbeats',
      '010-overview-indexes',
      '011-money-guard-checks',
      '012-search-by-part',
      '013-api-key-scopes-and-use',
      '014-dashboard-team-and-audit',
      '015-webhook-event-types',
      '016-reconciliation',
      '017-transaction-activity',
      '018-outbox-units-of-work',
      '019-checkout-sessions',
      '020-figures-and-first-password',
      '021-figures-shards',
      '022-inbox-pending-by-order',
    ]);
    expect(await tables()).toEqual([
      'api_keys',
      'buyer_shipping_details',
      'buyers',
      'captures',
      'checkout_sessions',
      'dashboard_audit_entries',
      'dashboard_sessions',
      'dashboard_sign_in_failures',
      'dashboard_users',
      'embed_origins',
      'idempotency_keys',
      'job_worker_heartbeats',
      'merchant_accounts',
      'outbox',
      'payment_services',
      'reconciliation_items',
      'reconciliation_runs',
      'refunds',
      'transaction_activity',
      'transaction_events',
      'transaction_figures',
      'transactions',
      'webhook_deliveries',
      'webhook_inbox',
      'webhook_subscriptions',
    ]);
    expect(await pendingMigrations(database().knex)).toEqual([]);
    expect(await migrate(database().knex)).toEqual([]);
    expect(await rollback(database().knex)).toEqual([
      '022-inbox-pending-by-order',
      '021-figures-shards',
      '020-figures-and-first-password',
      '019-checkout-sessions',
      '018-outbox-units-of-work',
      '017-transaction-activity',
      '016-reconciliation',
      '015-webhook-event-types',
      '014-dashboard-team-and-audit',
      '013-api-key-scopes-and-use',
      '012-search-by-part',
      '011-money-guard-checks',
      '010-overview-indexes',
      '009-job-worker-heartbeats',
      '008-retention',
      '007-dashboard-users',
      '006-gr4vy-sdk',
      '005-refund-parts',
      '004-capture-provider-ids',
      '003-merchant-webhooks',
      '002-money-guard-triggers',
      '001-initial',
    ]);
    expect(await tables()).toEqual([]);
    await migrate(database().knex);
    expect(await tables()).toHaveLength(25);
  });
});
