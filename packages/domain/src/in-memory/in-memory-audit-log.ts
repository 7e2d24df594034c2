import type { AuditEntry } from '../dashboard-audit/audit-entry';
import type { AuditListQuery, AuditLog } from '../dashboard-audit/audit-log';
import type { Page } from '../transactions/ports/transaction-repository';
import { keysetPage } from './keyset-page';

export class InMemoryAuditLog implements AuditLog {
  private readonly entries: AuditEntry[] = [];

  async record(entry: AuditEntry): Promise<void> {
    this.entries.push(structuredClone(entry));
  }

  async list(merchantAccountId: string, query: AuditListQuery): Promise<Page<AuditEntry>> {
    const own = this.entries.filter((entry) => entry.merchantAccountId === merchantAccountId);
    return keysetPage(own, (entry) => entry.at, query.limit, query.cursor);
  }
}
