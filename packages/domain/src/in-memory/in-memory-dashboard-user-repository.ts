import type { DashboardRole, DashboardUser, PasswordHash } from '../dashboard-users/dashboard-user';
import type { DashboardUserRepository } from '../dashboard-users/dashboard-user-repository';
import { DuplicateRecordError } from '../errors';

export class InMemoryDashboardUserRepository implements DashboardUserRepository {
  private readonly users = new Map<string, DashboardUser>();

  async add(user: DashboardUser): Promise<void> {
    if (this.users.has(user.id) || (await this.findByEmail(user.email)))
      throw new DuplicateRecordError(`a dashboard user with e-mail ${user.email} already exists`, '/email');
    this.users.set(user.id, { deactivatedAt: null, ...structuredClone(user) });
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
    this.users.set(id, { ...user, passwordHash });
    return true;
  }

  async changeRole(id: string, role: DashboardRole): Promise<boolean> {
    const user = this.users.get(id);
    if (!user) return false;
    this.users.set(id, { ...user, role });
    return true;
  }

  async deactivate(id: string, at: Date): Promise<boolean> {
    const user = this.users.get(id);
    if (!user || user.deactivatedAt) return false;
    this.users.set(id, { ...user, deactivatedAt: at });
    return true;
  }

  async list(merchantAccountId: string): Promise<DashboardUser[]> {
    return [...this.users.values()]
      .filter((user) => user.merchantAccountId === merchantAccountId)
      .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())
      .map((user) => structuredClone(user));
  }
}
