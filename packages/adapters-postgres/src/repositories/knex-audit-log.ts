import type { AuditAction, AuditEntry, AuditListQuery, AuditLog, Page } from '@kessai/domain';
import type { Knex } from 'knex';
import { keysetPage } from './keyset-page';

interface Row {
  id: string;
  merchant_account_id: string;
  actor_id: string;
  actor_email: string;
  action: AuditAction;
  target: string;
  detail: string | null;
  at: Date;
}

/** The dashboard's audit trail: inserted, never updated. */
export class KnexAuditLog implements AuditLog {
  constructor(private readonly knex: Knex) {}

  async record(entry: AuditEntry): Promise<void> {
    await this.knex<Row>('dashboard_audit_entries').insert({
      id: entry.id,
      merchant_account_id: entry.merchantAccountId,
      actor_id: entry.actorId,
      actor_email: entry.actorEmail,
      action: entry.action,
      target: entry.target,
      detail: entry.detail,
      at: entry.at,
    });
  }

  async list(merchantAccountId: string, query: AuditListQuery): Promise<Page<AuditEntry>> {
    const own = this.knex<Row>('dashboard_audit_entries').where({ merchant_account_id: merchantAccountId });
    const page = await keysetPage<Row>(this.knex.from(own.as('own')), 'at', query.limit, query.cursor);
    return { ...page, items: page.items.map(toEntry) };
  }
}

const toEntry = (row: Row): AuditEntry => ({
  id: row.id,
  merchantAccountId: row.merchant_account_id,
  actorId: row.actor_id,
  actorEmail: row.actor_email,
  action: row.action,
  target: row.target,
  detail: row.detail,
  at: row.at,
});
