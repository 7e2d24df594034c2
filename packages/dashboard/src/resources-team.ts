// The team and audit answers of the dashboard's session routes (`/dashboard/api/team`, `/dashboard/api/audit`).
export interface TeamMember {
  id: string;
  email: string;
  role: 'admin' | 'viewer';
  created_at: string;
  deactivated_at: string | null;
  /** Only in the answer to an invitation, once. */
  one_time_password?: string;
}

export interface AuditEntry {
  id: string;
  actor: { id: string; email: string };
  action: string;
  target: string;
  detail: string | null;
  at: string;
}
