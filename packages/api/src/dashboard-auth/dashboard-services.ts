import type {
  DashboardSessionAccess,
  DashboardSignIn,
  DashboardUserRepository,
  ManageDashboardUsers,
  SessionPolicy,
} from '@kessai/domain';

/** What the dashboard's HTTP side calls; built by the composition root (`composition/dashboard-bindings.ts`). */
export interface DashboardServices {
  signIn: DashboardSignIn;
  sessions: DashboardSessionAccess;
  users: DashboardUserRepository;
  manageUsers: ManageDashboardUsers;
  sessionPolicy: SessionPolicy;
  /** The built UI (`packages/dashboard/dist`): an `index.html` and its assets. */
  distDir: string;
}
