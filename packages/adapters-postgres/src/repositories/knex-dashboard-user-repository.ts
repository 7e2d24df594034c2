import {
  type DashboardRole,
  type DashboardUser,
  type DashboardUserRepository,
  isActiveAdmin,
  type PasswordHash,
  type TeamChange,
} from '@kessai/domain';
import type { Knex } from 'knex';
import { translated } from './pg-errors';

interface Row {
  id: string;
  merchant_account_id: string;
  email: string;
  role: DashboardRole;
  password_hash: string;
  created_at: Date;
  deactivated_at: Date | null;
  must_change_password: boolean;
}

const toUser = (row: Row): DashboardUser => ({
  id: row.id,
  merchantAccountId: row.merchant_account_id,
  email: row.email,
  role: row.role,
  passwordHash: row.password_hash as PasswordHash,
  createdAt: row.created_at,
  deactivatedAt: row.deactivated_at,
  mustChangePassword: row.must_change_password,
});

export class KnexDashboardUserRepository implements DashboardUserRepository {
  constructor(private readonly knex: Knex) {}

  async add(user: DashboardUser): Promise<void> {
    await translated(() =>
      this.knex('dashboard_users').insert({
        id: user.id,
        merchant_account_id: user.merchantAccountId,
        email: user.email,
        role: user.role,
        password_hash: user.passwordHash,
        created_at: user.createdAt,
        deactivated_at: user.deactivatedAt ?? null,
        must_change_password: user.mustChangePassword ?? false,
      }),
    );
  }

  async get(id: string): Promise<DashboardUser | undefined> {
    const row = await this.knex<Row>('dashboard_users').where({ id }).first();
    return row && toUser(row);
  }

  async findByEmail(email: string): Promise<DashboardUser | undefined> {
    const row = await this.knex<Row>('dashboard_users').where({ email }).first();
    return row && toUser(row);
  }

  async changePassword(id: string, passwordHash: PasswordHash): Promise<boolean> {
    return (
      (await this.knex('dashboard_users')
        .where({ id })
        .update({ password_hash: passwordHash, must_change_password: false })) > 0
    );
  }

  async changeRole(id: string, role: DashboardRole): Promise<TeamChange> {
    return this.keepingAnAdmin(id, { role });
  }

  async deactivate(id: string, at: Date): Promise<TeamChange> {
    return this.keepingAnAdmin(id, { deactivated_at: at });
  }

  /**
   * Changes of one merchant account's users take turns on its advisory lock until commit, so the count of active
   * admins read under it stays true until the write: two admins demoting each other cannot both go through.
   */
  private keepingAnAdmin(id: string, change: Partial<Row>): Promise<TeamChange> {
    return this.knex.transaction(async (trx) => {
      const owner = await trx<Row>('dashboard_users').where({ id }).first('merchant_account_id');
      if (!owner) return 'unchanged';
      await trx.raw('SELECT pg_advisory_xact_lock(hashtextextended(?, 0))', [
        `kessai.dashboard-admins:${owner.merchant_account_id}`,
      ]);
      const users = await trx<Row>('dashboard_users').where({ merchant_account_id: owner.merchant_account_id });
      const user = users.find((candidate) => candidate.id === id);
      if (!user || (change.deactivated_at && user.deactivated_at)) return 'unchanged';
      const after = toUser({ ...user, ...change });
      if (isActiveAdmin(toUser(user)) && !users.some((u) => isActiveAdmin(u.id === id ? after : toUser(u))))
        return 'last_admin';
      await trx('dashboard_users').where({ id }).update(change);
      return 'changed';
    });
  }

  async list(merchantAccountId: string): Promise<DashboardUser[]> {
    const rows = await this.knex<Row>('dashboard_users')
      .where({ merchant_account_id: merchantAccountId })
      .orderBy([{ column: 'created_at' }, { column: 'id' }]);
    return rows.map(toUser);
  }
}
