import { DuplicateRecordError } from '../errors';
import type { Clock } from '../shared/clock';
import type { IdGenerator } from '../shared/id-generator';
import type { DashboardSessionStore } from './dashboard-session-store';
import { checkUserFields, type DashboardUser, newDashboardUser } from './dashboard-user';
import type { DashboardUserRepository } from './dashboard-user-repository';
import type { PasswordHasher } from './password-hasher';
import { checkNewPassword } from './password-policy';

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
    });
    await this.deps.users.add(user);
    return user;
  }

  async setPassword(userId: string, password: string): Promise<void> {
    checkNewPassword(password, { email: (await this.deps.users.get(userId))?.email });
    const changed = await this.deps.users.changePassword(userId, await this.deps.hasher.hash(password));
    if (changed) await this.deps.sessions.revokeAllOf(userId, this.deps.clock.now());
  }
}
