import type { Clock } from '../ports/clock';
import type { DashboardSessionStore } from '../ports/dashboard-session-store';
import type { DashboardUserRepository } from '../ports/dashboard-user-repository';
import type { IdGenerator } from '../ports/id-generator';
import type { PasswordHasher } from '../ports/password-hasher';
import type { SignInAttemptLog } from '../ports/sign-in-attempt-log';
import type { SessionPolicy } from './dashboard-session';
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
}
