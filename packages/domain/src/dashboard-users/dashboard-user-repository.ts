import type { DashboardRole, DashboardUser, PasswordHash } from './dashboard-user';

/** What a change of role or a deactivation did. */
export type TeamChange = 'changed' | 'unchanged' | 'last_admin';

/** Dashboard users; the e-mail (normalised) is unique across every merchant account. */
export interface DashboardUserRepository {
  /** Throws DuplicateRecordError when the e-mail is taken. */
  add(user: DashboardUser): Promise<void>;
  get(id: string): Promise<DashboardUser | undefined>;
  /** By normalised e-mail. */
  findByEmail(email: string): Promise<DashboardUser | undefined>;
  /** `false` when there is no such user. The user no longer has to change it (`mustChangePassword` false). */
  changePassword(id: string, passwordHash: PasswordHash): Promise<boolean>;
  /**
   * `unchanged` when there is no such user; `last_admin`, with nothing written, when it would leave their merchant
   * account without an active admin. The check and the write are one step against every other change of the
   * account's admins (two admins demoting each other at once: one of them is refused).
   */
  changeRole(id: string, role: DashboardRole): Promise<TeamChange>;
  /** As `changeRole`; `unchanged` also when they were already deactivated (the first time is kept). */
  deactivate(id: string, at: Date): Promise<TeamChange>;
  /** Oldest first. */
  list(merchantAccountId: string): Promise<DashboardUser[]>;
}
