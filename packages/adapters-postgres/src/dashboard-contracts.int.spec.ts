import {
  describeAuditLogContract,
  describeDashboardSessionStoreContract,
  describeDashboardUserRepositoryContract,
  describeSignInAttemptLogContract,
  newDashboardUserRecord,
} from '@kessai/domain/testing';
import { connectPostgres } from './connect';
import { KnexAuditLog } from './repositories/knex-audit-log';
import { KnexDashboardSessionStore } from './repositories/knex-dashboard-session-store';
import { KnexDashboardUserRepository } from './repositories/knex-dashboard-user-repository';
import { KnexSignInAttemptLog } from './repositories/knex-sign-in-attempt-log';
import { useTestDatabase } from './testing/test-database';

// The dashboard's storage ports against a real PostgreSQL: the same suites the in-memory adapters pass.
const database = useTestDatabase();

describeDashboardUserRepositoryContract('KnexDashboardUserRepository', async () => ({
  repository: new KnexDashboardUserRepository(database().knex),
}));
describeDashboardSessionStoreContract('KnexDashboardSessionStore', async () => {
  const user = newDashboardUserRecord();
  await new KnexDashboardUserRepository(database().knex).add(user);
  return {
    sessions: new KnexDashboardSessionStore(database().knex),
    userId: user.id,
    merchantAccountId: user.merchantAccountId,
  };
});
describeSignInAttemptLogContract('KnexSignInAttemptLog', async () => {
  // A second pool of its own, as a second API process would have.
  const other = connectPostgres(database().connectionString, { poolMax: 10 });
  return {
    attempts: new KnexSignInAttemptLog(database().knex),
    otherProcess: new KnexSignInAttemptLog(other),
    close: () => other.destroy(),
  };
});
describeAuditLogContract('KnexAuditLog', async () => ({ audit: new KnexAuditLog(database().knex) }));
