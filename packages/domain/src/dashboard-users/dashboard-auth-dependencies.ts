import type { AuditLog } from '../dashboard-audit/audit-log';
import type { Clock } from '../shared/clock';
import type { IdGenerator } from '../shared/id-generator';
import type { SessionPolicy } from './dashboard-session';
import type { DashboardSessionStore } from './dashboard-session-store';
import type { DashboardUserRepository } from './dashboard-user-repository';
import type { PasswordHasher } from './password-hasher';
import type { SignInAttemptLog } from './sign-in-attempt-log';
import type { ThrottlePolicy } from './sign-in-throttle';

export interface DashboardAuthDependencies {
  users: DashboardUserRepository;
  sessions: DashboardSessionStore;
  attempts: SignInAttemptLog;
  hasher: PasswordHasher;
  clock: Clock;
  ids: IdGenerator;
  sessionPolicy: SessionPolicy;
  throttlePolicy: ThrottlePolicy;
  /** Where sign-ins (and an admin's changes) are written; none where nobody reads them (the CLI). */
  audit?: AuditLog;
}
