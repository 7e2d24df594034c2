import { join } from 'node:path';
import {
  type Knex,
  KnexDashboardSessionStore,
  KnexDashboardUserRepository,
  KnexSignInAttemptLog,
} from '@kessai/adapters-postgres';
import {
  type Clock,
  type DashboardAuthDependencies,
  DashboardSessionAccess,
  type DashboardSessionStore,
  DashboardSignIn,
  type DashboardUserRepository,
  DEFAULT_SESSION_POLICY,
  DEFAULT_THROTTLE_POLICY,
  type IdGenerator,
  ManageDashboardUsers,
  type SignInAttemptLog,
} from '@kessai/domain';
import {
  InMemoryDashboardSessionStore,
  InMemoryDashboardUserRepository,
  InMemorySignInAttemptLog,
} from '@kessai/domain/testing';
import type { Container, ServiceIdentifier } from 'inversify';
import type { DashboardServices } from '../dashboard-auth/dashboard-services';
import { ScryptPasswordHasher } from '../dashboard-auth/scrypt-password-hasher';
import type { Config } from './config';
import { TOKENS } from './tokens';

/** The dashboard's storage ports, from the same storage choice as everything else. */
export interface DashboardStorage {
  users: DashboardUserRepository;
  sessions: DashboardSessionStore;
  attempts: SignInAttemptLog;
}

export function memoryDashboardStorage(): DashboardStorage {
  return {
    users: new InMemoryDashboardUserRepository(),
    sessions: new InMemoryDashboardSessionStore(),
    attempts: new InMemorySignInAttemptLog(),
  };
}

export function postgresDashboardStorage(knex: Knex): DashboardStorage {
  return {
    users: new KnexDashboardUserRepository(knex),
    sessions: new KnexDashboardSessionStore(knex),
    attempts: new KnexSignInAttemptLog(knex),
  };
}

export const DASHBOARD_SERVICES = Symbol.for('kessai.DashboardServices') as ServiceIdentifier<DashboardServices>;

/** `packages/dashboard/dist` of this checkout, from `packages/http/{src,dist}/composition`. */
const defaultDistDir = () => join(__dirname, '..', '..', '..', 'dashboard', 'dist');

/** Binds the dashboard's services (sign-in, sessions, users) on the container's clock and ids. */
export function bindDashboard(container: Container, config: Config, storage: DashboardStorage): void {
  container.bind(DASHBOARD_SERVICES).toResolvedValue(
    (clock: Clock, ids: IdGenerator): DashboardServices => {
      const sessionPolicy = {
        ...DEFAULT_SESSION_POLICY,
        idleMs: config.DASHBOARD_SESSION_IDLE_MINUTES * 60_000,
        absoluteMs: config.DASHBOARD_SESSION_MAX_HOURS * 3_600_000,
      };
      const hasher = new ScryptPasswordHasher();
      const deps: DashboardAuthDependencies = {
        ...storage,
        hasher,
        clock,
        ids,
        sessionPolicy,
        throttlePolicy: DEFAULT_THROTTLE_POLICY,
      };
      return {
        signIn: new DashboardSignIn(deps),
        sessions: new DashboardSessionAccess(deps),
        users: storage.users,
        manageUsers: new ManageDashboardUsers(deps),
        sessionPolicy,
        distDir: config.DASHBOARD_DIST_DIR ?? defaultDistDir(),
      };
    },
    [TOKENS.Clock, TOKENS.Ids],
  );
}
