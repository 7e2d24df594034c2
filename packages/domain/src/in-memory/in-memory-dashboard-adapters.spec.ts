import { describeAuditLogContract } from '../testing/contracts/audit-log.contract';
import { describeDashboardSessionStoreContract } from '../testing/contracts/dashboard-session-store.contract';
import { describeDashboardUserRepositoryContract } from '../testing/contracts/dashboard-user-repository.contract';
import { describeSignInAttemptLogContract } from '../testing/contracts/sign-in-attempt-log.contract';
import { InMemoryAuditLog } from './in-memory-audit-log';
import { InMemoryDashboardSessionStore } from './in-memory-dashboard-session-store';
import { InMemoryDashboardUserRepository } from './in-memory-dashboard-user-repository';
import { InMemorySignInAttemptLog } from './in-memory-sign-in-attempt-log';

// The same suites the PostgreSQL adapters run (adapters-postgres/src/dashboard-contracts.int.spec.ts).
describeDashboardUserRepositoryContract('InMemoryDashboardUserRepository', async () => ({
  repository: new InMemoryDashboardUserRepository(),
}));
describeDashboardSessionStoreContract('InMemoryDashboardSessionStore', async () => ({
  sessions: new InMemoryDashboardSessionStore(),
  userId: crypto.randomUUID(),
  merchantAccountId: 'default',
}));
describeSignInAttemptLogContract('InMemorySignInAttemptLog', async () => ({
  attempts: new InMemorySignInAttemptLog(),
}));
describeAuditLogContract('InMemoryAuditLog', async () => ({ audit: new InMemoryAuditLog() }));
