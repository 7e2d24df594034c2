import type {
  AuditLog,
  DashboardSessionAccess,
  DashboardSignIn,
  DashboardUserRepository,
  ManageDashboardUsers,
  ManageTeam,
  SessionPolicy,
} from '@kessai/domain';

/** What the dashboard's HTTP side calls; built by the composition root (`composition/dashboard-bindings.ts`). */
export interface DashboardServices {
  signIn: DashboardSignIn;
  sessions: DashboardSessionAccess;
  users: DashboardUserRepository;
  manageUsers: ManageDashboardUsers;
  /** An admin's team: users invited, given a role, deactivated. */
  team: ManageTeam;
  /** What was done in the dashboard, per merchant account. */
  audit: AuditLog;
  sessionPolicy: SessionPolicy;
  /** The built UI (`packages/dashboard/dist`): an `index.html` and its assets. */
  distDir: string;
}
