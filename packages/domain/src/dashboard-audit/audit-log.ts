import type { Page } from '../transactions/ports/transaction-repository';
import type { AuditEntry } from './audit-entry';

export interface AuditListQuery {
  limit: number;
  cursor?: string | undefined;
}

/** What was done in each merchant's dashboard: written once, never changed, read newest first. */
export interface AuditLog {
  record(entry: AuditEntry): Promise<void>;
  /** One merchant account's entries, newest first, paged by the shared keyset cursors. */
  list(merchantAccountId: string, query: AuditListQuery): Promise<Page<AuditEntry>>;
}
