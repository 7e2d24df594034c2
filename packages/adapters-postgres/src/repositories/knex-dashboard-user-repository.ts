import type { DashboardRole, DashboardUser, DashboardUserRepository, PasswordHash } from '@kessai/domain';
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
}

const toUser = (row: Row): DashboardUser => ({
  id: row.id,
  merchantAccountId: row.merchant_account_id,
  email: row.email,
  role: row.role,
  passwordHash: row.password_hash as PasswordHash,
  createdAt: row.created_at,
  deactivatedAt: row.deactivated_at,
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
    return (await this.knex('dashboard_users').where({ id }).update({ password_hash: passwordHash })) > 0;
  }

  async changeRole(id: string, role: DashboardRole): Promise<boolean> {
    return (await this.knex('dashboard_users').where({ id }).update({ role })) > 0;
  }

  async deactivate(id: string, at: Date): Promise<boolean> {
    return (
      (await this.knex('dashboard_users').where({ id }).whereNull('deactivated_at').update({ deactivated_at: at })) > 0
    );
  }

  async list(merchantAccountId: string): Promise<DashboardUser[]> {
    const rows = await this.knex<Row>('dashboard_users')
      .where({ merchant_account_id: merchantAccountId })
      .orderBy([{ column: 'created_at' }, { column: 'id' }]);
    return rows.map(toUser);
  }
}
