import type { SignInAttemptLog } from '@kessai/domain';
import type { Knex } from 'knex';

/** The newest failures a throttle ever needs to see per key (its limits are far below this). */
const MAX_READ = 100;

export class KnexSignInAttemptLog implements SignInAttemptLog {
  constructor(private readonly knex: Knex) {}

  async recordFailure(failure: { email: string; address: string; at: Date }): Promise<void> {
    await this.knex('dashboard_sign_in_failures').insert(failure);
  }

  async failuresSince(key: { email: string; address: string }, since: Date) {
    const read = (column: 'email' | 'address', value: string) =>
      this.knex('dashboard_sign_in_failures')
        .where(column, value)
        .where('at', '>=', since)
        .orderBy('at', 'desc')
        .limit(MAX_READ)
        .pluck('at') as Promise<Date[]>;
    const [byEmail, byAddress] = await Promise.all([read('email', key.email), read('address', key.address)]);
    return { byEmail, byAddress };
  }

  async clearEmail(email: string): Promise<void> {
    await this.knex('dashboard_sign_in_failures').where({ email }).delete();
  }

  async prune(before: Date, limit: number): Promise<number> {
    const { rowCount } = await this.knex.raw(
      `DELETE FROM dashboard_sign_in_failures WHERE id IN (
         SELECT id FROM dashboard_sign_in_failures WHERE at < ? ORDER BY at LIMIT ?)`,
      [before, limit],
    );
    return rowCount ?? 0;
  }
}
