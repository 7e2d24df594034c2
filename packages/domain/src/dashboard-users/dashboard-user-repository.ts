import type { DashboardRole, DashboardUser, PasswordHash } from './dashboard-user';

/** Dashboard users; the e-mail (normalised) is unique across every merchant account. */
export interface DashboardUserRepository {
  /** Throws DuplicateRecordError when the e-mail is taken. */
  add(user: DashboardUser): Promise<void>;
  get(id: string): Promise<DashboardUser | undefined>;
  /** By normalised e-mail. */
  findByEmail(email: string): Promise<DashboardUser | undefined>;
  /** `false` when there is no such user. */
  changePassword(id: string, passwordHash: PasswordHash): Promise<boolean>;
  /** `false` when there is no such user. */
  changeRole(id: string, role: DashboardRole): Promise<boolean>;
  /** `false` when there is no such user or they were already deactivated (the first time is kept). */
  deactivate(id: string, at: Date): Promise<boolean>;
  /** Oldest first. */
  list(merchantAccountId: string): Promise<DashboardUser[]>;
}
