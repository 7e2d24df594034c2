import { join } from 'node:path';
import type { DashboardServices } from '@kessai/api';
import { ScryptPasswordHasher } from '@kessai/api';
import {
  type Clock,
  type DashboardAuthDependencies,
  DashboardSessionAccess,
  DashboardSignIn,
  DEFAULT_SESSION_POLICY,
  DEFAULT_THROTTLE_POLICY,
  type IdGenerator,
  ManageDashboardUsers,
  ManageTeam,
} from '@kessai/domain';
import type { Container, ServiceIdentifier } from 'inversify';
import type { DashboardStorage } from '../storage/dashboard-storage';
import type { Config } from './config';
import { TOKENS } from './tokens';

export const DASHBOARD_SERVICES = Symbol.for('kessai.DashboardServices') as ServiceIdentifier<DashboardServices>;

/** `packages/dashboard/dist` of this checkout, from `packages/server/{src,dist}/composition`. */
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
        team: new ManageTeam({ ...deps, audit: storage.audit }),
        audit: storage.audit,
        sessionPolicy,
        distDir: config.DASHBOARD_DIST_DIR ?? defaultDistDir(),
      };
    },
    [TOKENS.Clock, TOKENS.Ids],
  );
}
