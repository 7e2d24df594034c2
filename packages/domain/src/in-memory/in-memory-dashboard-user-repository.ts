import {
  type DashboardRole,
  type DashboardUser,
  isActiveAdmin,
  type PasswordHash,
} from '../dashboard-users/dashboard-user';
import type { DashboardUserRepository, TeamChange } from '../dashboard-users/dashboard-user-repository';
import { DuplicateRecordError } from '../errors';

export class InMemoryDashboardUserRepository implements DashboardUserRepository {
  private readonly users = new Map<string, DashboardUser>();

  async add(user: DashboardUser): Promise<void> {
    if (this.users.has(user.id) || (await this.findByEmail(user.email)))
      throw new DuplicateRecordError(`a dashboard user with e-mail ${user.email} already exists`, '/email');
    this.users.set(user.id, { deactivatedAt: null, mustChangePassword: false, ...structuredClone(user) });
  }

  async get(id: string): Promise<DashboardUser | undefined> {
    const user = this.users.get(id);
    return user && structuredClone(user);
  }

  async findByEmail(email: string): Promise<DashboardUser | undefined> {
    const user = [...this.users.values()].find((candidate) => candidate.email === email);
    return user && structuredClone(user);
  }

  async changePassword(id: string, passwordHash: PasswordHash): Promise<boolean> {
    const user = this.users.get(id);
    if (!user) return false;
    this.users.set(id, { ...user, passwordHash, mustChangePassword: false });
    return true;
  }

  // Check and write run in one turn of the event loop (no await between): atomic against every other change.
  async changeRole(id: string, role: DashboardRole): Promise<TeamChange> {
    return this.change(id, (user) => ({ ...user, role }));
  }

  async deactivate(id: string, at: Date): Promise<TeamChange> {
    if (this.users.get(id)?.deactivatedAt) return 'unchanged';
    return this.change(id, (user) => ({ ...user, deactivatedAt: at }));
  }

  private change(id: string, changed: (user: DashboardUser) => DashboardUser): TeamChange {
    const user = this.users.get(id);
    if (!user) return 'unchanged';
    const after = changed(user);
    const admins = [...this.users.values()].filter(
      (other) => other.merchantAccountId === user.merchantAccountId && isActiveAdmin(other.id === id ? after : other),
    );
    if (isActiveAdmin(user) && admins.length === 0) return 'last_admin';
    this.users.set(id, after);
    return 'changed';
  }

  async list(merchantAccountId: string): Promise<DashboardUser[]> {
    return [...this.users.values()]
      .filter((user) => user.merchantAccountId === merchantAccountId)
      .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())
      .map((user) => structuredClone(user));
  }
}
