import type { DashboardSession, DashboardSessionStore } from '@kessai/domain';
import type { Knex } from 'knex';
import { deleteOldest } from './delete-oldest';
import { translated } from './pg-errors';

interface Row {
  id: string;
  token_hash: string;
  user_id: string;
  merchant_account_id: string;
  created_at: Date;
  idle_expires_at: Date;
  expires_at: Date;
  revoked_at: Date | null;
}

/** When a session ended: revoked, idle or expired, whichever came first (LEAST skips a NULL revoked_at). */
const ENDED_AT = 'LEAST(idle_expires_at, expires_at, revoked_at)';

export class KnexDashboardSessionStore implements DashboardSessionStore {
  constructor(private readonly knex: Knex) {}

  async add(session: DashboardSession): Promise<void> {
    await translated(() =>
      this.knex('dashboard_sessions').insert({
        id: session.id,
        token_hash: session.tokenHash,
        user_id: session.userId,
        merchant_account_id: session.merchantAccountId,
        created_at: session.createdAt,
        idle_expires_at: session.idleExpiresAt,
        expires_at: session.expiresAt,
        revoked_at: session.revokedAt,
      }),
    );
  }

  async findByTokenHash(tokenHash: string): Promise<DashboardSession | undefined> {
    const row = await this.knex<Row>('dashboard_sessions').where({ token_hash: tokenHash }).first();
    return (
      row && {
        id: row.id,
        tokenHash: row.token_hash,
        userId: row.user_id,
        merchantAccountId: row.merchant_account_id,
        createdAt: row.created_at,
        idleExpiresAt: row.idle_expires_at,
        expiresAt: row.expires_at,
        revokedAt: row.revoked_at,
      }
    );
  }

  async touch(id: string, idleExpiresAt: Date): Promise<void> {
    await this.knex('dashboard_sessions')
      .where({ id })
      .whereNull('revoked_at')
      .where('idle_expires_at', '<', idleExpiresAt)
      .update({ idle_expires_at: idleExpiresAt });
  }

  async revoke(id: string, at: Date): Promise<boolean> {
    return (await this.knex('dashboard_sessions').where({ id }).whereNull('revoked_at').update({ revoked_at: at })) > 0;
  }

  async prune(before: Date, limit: number): Promise<number> {
    // Spelled exactly as dashboard_sessions_ended (migration 008) indexes it, so the planner uses that index.
    return deleteOldest(this.knex, { table: 'dashboard_sessions', key: 'id', age: ENDED_AT }, before, limit);
  }

  async revokeOldestBeyond(userId: string, keep: number, at: Date): Promise<number> {
    const { rowCount } = await this.knex.raw(
      `UPDATE dashboard_sessions SET revoked_at = ? WHERE id IN (
         SELECT id FROM dashboard_sessions
          WHERE user_id = ? AND revoked_at IS NULL AND idle_expires_at > ? AND expires_at > ?
          ORDER BY created_at DESC, id DESC OFFSET ?)`,
      [at, userId, at, at, keep],
    );
    return rowCount ?? 0;
  }

  async revokeAllOf(userId: string, at: Date): Promise<number> {
    return this.knex('dashboard_sessions')
      .where({ user_id: userId })
      .whereNull('revoked_at')
      .update({ revoked_at: at });
  }
}
