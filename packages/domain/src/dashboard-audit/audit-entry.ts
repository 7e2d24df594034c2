/** What a person did in the dashboard, as the audit page lists it. */
export type AuditAction =
  | 'dashboard.signed_in'
  | 'api_key.created'
  | 'api_key.renamed'
  | 'api_key.revoked'
  | 'dashboard_user.invited'
  | 'dashboard_user.role_changed'
  | 'dashboard_user.deactivated';

/** One thing done: who (a dashboard user, by id and the e-mail they had), what, to what, when, for which merchant. */
export interface AuditEntry {
  id: string;
  merchantAccountId: string;
  actorId: string;
  actorEmail: string;
  action: AuditAction;
  /** The user's e-mail or the key's id the action was on. */
  target: string;
  /** A short fact about it (the new role), else null. */
  detail: string | null;
  at: Date;
}
