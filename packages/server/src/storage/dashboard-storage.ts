import {
  type Knex,
  KnexAuditLog,
  KnexDashboardSessionStore,
  KnexDashboardUserRepository,
  KnexSignInAttemptLog,
} from '@kessai/adapters-postgres';
import type { AuditLog, DashboardSessionStore, DashboardUserRepository, SignInAttemptLog } from '@kessai/domain';
import {
  InMemoryAuditLog,
  InMemoryDashboardSessionStore,
  InMemoryDashboardUserRepository,
  InMemorySignInAttemptLog,
} from '@kessai/domain/in-memory';

/** The dashboard's storage ports, from the same storage choice as everything else. */
export interface DashboardStorage {
  users: DashboardUserRepository;
  sessions: DashboardSessionStore;
  attempts: SignInAttemptLog;
  audit: AuditLog;
}

export function memoryDashboardStorage(): DashboardStorage {
  return {
    users: new InMemoryDashboardUserRepository(),
    sessions: new InMemoryDashboardSessionStore(),
    attempts: new InMemorySignInAttemptLog(),
    audit: new InMemoryAuditLog(),
  };
}

export function postgresDashboardStorage(knex: Knex): DashboardStorage {
  return {
    users: new KnexDashboardUserRepository(knex),
    sessions: new KnexDashboardSessionStore(knex),
    attempts: new KnexSignInAttemptLog(knex),
    audit: new KnexAuditLog(knex),
  };
}
