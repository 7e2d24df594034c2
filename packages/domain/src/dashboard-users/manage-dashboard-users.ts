import { DuplicateRecordError, WrongPasswordError } from '../errors';
import type { Clock } from '../shared/clock';
import type { IdGenerator } from '../shared/id-generator';
import type { DashboardSessionStore } from './dashboard-session-store';
import { checkUserFields, type DashboardUser, newDashboardUser } from './dashboard-user';
import type { DashboardUserRepository } from './dashboard-user-repository';
import type { PasswordHasher } from './password-hasher';
import { checkNewPassword, WeakPasswordError } from './password-policy';

export interface DashboardUserAdminDependencies {
  users: DashboardUserRepository;
  sessions: DashboardSessionStore;
  hasher: PasswordHasher;
  clock: Clock;
  ids: IdGenerator;
}

/** Creating users and setting passwords (the CLI and the dev stack); a new password ends the user's sessions. */
export class ManageDashboardUsers {
  constructor(private readonly deps: DashboardUserAdminDependencies) {}

  async create(input: {
    email: string;
    role: string;
    merchantAccountId: string;
    password: string;
    /** A one-time password someone else chose: the user must replace it at first sign-in. */
    mustChangePassword?: boolean;
  }): Promise<DashboardUser> {
    const { email } = checkUserFields(input);
    checkNewPassword(input.password, { email });
    if (await this.deps.users.findByEmail(email))
      throw new DuplicateRecordError(`a dashboard user with e-mail ${email} already exists`, '/email');
    const user = newDashboardUser({
      id: this.deps.ids.uuid(),
      merchantAccountId: input.merchantAccountId,
      email,
      role: input.role,
      passwordHash: await this.deps.hasher.hash(input.password),
      createdAt: this.deps.clock.now(),
      mustChangePassword: input.mustChangePassword ?? false,
    });
    await this.deps.users.add(user);
    return user;
  }

  /**
   * The user's own change, proving the current password: the new one must pass the rules and differ from it. Every
   * session of theirs ends (the caller signs them in again with the new one); a one-time password is done with.
   */
  async changeOwnPassword(user: DashboardUser, current: string, next: string): Promise<void> {
    if (!(await this.deps.hasher.verify(current, user.passwordHash)))
      throw new WrongPasswordError('the current password is not right', '/current_password');
    checkNewPassword(next, { email: user.email, field: '/new_password' });
    if (next === current)
      throw new WeakPasswordError('the new password must differ from the current one', '/new_password');
    await this.setPassword(user.id, next);
  }

  async setPassword(userId: string, password: string): Promise<void> {
    checkNewPassword(password, { email: (await this.deps.users.get(userId))?.email });
    const changed = await this.deps.users.changePassword(userId, await this.deps.hasher.hash(password));
    if (changed) await this.deps.sessions.revokeAllOf(userId, this.deps.clock.now());
  }
}
