import { randomBytes } from 'node:crypto';
import type { AuditAction, AuditEntry } from '../dashboard-audit/audit-entry';
import type { AuditListQuery, AuditLog } from '../dashboard-audit/audit-log';
import { AdminOnlyError, DashboardUserNotFoundError, InvalidFieldError, LastAdminError } from '../errors';
import type { Page } from '../transactions/ports/transaction-repository';
import { type DashboardRole, type DashboardUser, isDashboardRole } from './dashboard-user';
import type { TeamChange } from './dashboard-user-repository';
import type { DashboardUserAdminDependencies } from './manage-dashboard-users';
import { ManageDashboardUsers } from './manage-dashboard-users';

/** A user just invited, with the password made for them: shown once to the admin, never stored in clear. */
export interface InvitedUser {
  user: DashboardUser;
  oneTimePassword: string;
}

/**
 * An admin's team: the merchant account's dashboard users, invited, given a role, deactivated; each change written
 * to the audit log. A merchant account always keeps one active admin, so nobody locks everyone out.
 */
export class ManageTeam {
  private readonly users: ManageDashboardUsers;

  constructor(private readonly deps: DashboardUserAdminDependencies & { audit: AuditLog }) {
    this.users = new ManageDashboardUsers(deps);
  }

  async list(actor: DashboardUser): Promise<DashboardUser[]> {
    adminOnly(actor);
    return this.deps.users.list(actor.merchantAccountId);
  }

  /** The merchant account's audit trail, newest first. */
  audit(actor: DashboardUser, query: AuditListQuery): Promise<Page<AuditEntry>> {
    adminOnly(actor);
    return this.deps.audit.list(actor.merchantAccountId, query);
  }

  /** 24 random base64url characters (144 bits): passes the password rules, as `kessai users create` would be given. */
  async invite(actor: DashboardUser, input: { email: string; role: string }): Promise<InvitedUser> {
    adminOnly(actor);
    const oneTimePassword = randomBytes(18).toString('base64url');
    const user = await this.users.create({
      ...input,
      merchantAccountId: actor.merchantAccountId,
      password: oneTimePassword,
      mustChangePassword: true,
    });
    await this.note(actor, 'dashboard_user.invited', user.email, user.role);
    return { user, oneTimePassword };
  }

  async setRole(actor: DashboardUser, userId: string, role: string): Promise<DashboardUser> {
    adminOnly(actor);
    if (!isDashboardRole(role)) throw new InvalidFieldError(`role must be admin or viewer`, '/role');
    const user = await this.member(actor, userId);
    if (user.role === role) return user;
    keptAnAdmin(await this.deps.users.changeRole(user.id, role));
    await this.note(actor, 'dashboard_user.role_changed', user.email, role);
    return { ...user, role: role as DashboardRole };
  }

  /** Ends their sessions at once; signing in is refused from then on. Deactivating twice keeps the first time. */
  async deactivate(actor: DashboardUser, userId: string): Promise<DashboardUser> {
    adminOnly(actor);
    const user = await this.member(actor, userId);
    if (user.deactivatedAt) return user;
    const now = this.deps.clock.now();
    keptAnAdmin(await this.deps.users.deactivate(user.id, now));
    await this.deps.sessions.revokeAllOf(user.id, now);
    await this.note(actor, 'dashboard_user.deactivated', user.email, null);
    return { ...user, deactivatedAt: now };
  }

  private async member(actor: DashboardUser, userId: string): Promise<DashboardUser> {
    const user = await this.deps.users.get(userId);
    if (!user || user.merchantAccountId !== actor.merchantAccountId)
      throw new DashboardUserNotFoundError(`no dashboard user ${userId}`);
    return user;
  }

  private note(actor: DashboardUser, action: AuditAction, target: string, detail: string | null): Promise<void> {
    return this.deps.audit.record({
      id: this.deps.ids.uuid(),
      merchantAccountId: actor.merchantAccountId,
      actorId: actor.id,
      actorEmail: actor.email,
      action,
      target,
      detail,
      at: this.deps.clock.now(),
    });
  }
}

/** The storage refused a change that would have left the merchant account without an active admin. */
function keptAnAdmin(change: TeamChange): void {
  if (change === 'last_admin')
    throw new LastAdminError('the merchant account needs at least one active admin; make another admin first', '');
}

function adminOnly(actor: DashboardUser): void {
  if (actor.role !== 'admin' || actor.deactivatedAt) throw new AdminOnlyError('only an admin manages the team');
}
