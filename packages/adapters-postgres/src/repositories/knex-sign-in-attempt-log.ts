import type { Admission, RecentAttempts, SignInAttempt, SignInAttemptLog } from '@kessai/domain';
import type { Knex } from 'knex';
import { deleteOldest } from './delete-oldest';

/** The newest attempts a throttle ever needs to see per key (its limits are far below this). */
const MAX_READ = 100;

/** Rows are attempts that have not signed in (the table's name is older than that meaning). */
const TABLE = 'dashboard_sign_in_failures';

export class KnexSignInAttemptLog implements SignInAttemptLog {
  constructor(private readonly knex: Knex) {}

  async admit(
    key: { email: string; address: string },
    window: { since: Date; at: Date },
    lockedUntil: (recent: RecentAttempts) => Date | null,
  ): Promise<Admission> {
    return this.knex.transaction(async (trx) => {
      // Transaction-scoped (a pooler may hand the connection on after COMMIT); e-mail first, then address, always,
      // so two admissions never wait on each other in a cycle.
      await trx.raw('SELECT pg_advisory_xact_lock(hashtextextended(?, 0))', [`kessai.sign-in.email:${key.email}`]);
      await trx.raw('SELECT pg_advisory_xact_lock(hashtextextended(?, 0))', [`kessai.sign-in.address:${key.address}`]);
      const read = (column: 'email' | 'address', value: string) =>
        trx(TABLE)
          .where(column, value)
          .where('at', '>=', window.since)
          .orderBy([
            { column: 'at', order: 'desc' },
            { column: 'id', order: 'desc' },
          ])
          .limit(MAX_READ)
          .pluck('at') as Promise<Date[]>;
      const byEmail = await read('email', key.email);
      const byAddress = await read('address', key.address);
      const until = lockedUntil({ byEmail, byAddress });
      if (until) return { admitted: false, lockedUntil: until };
      const [row] = (await trx(TABLE)
        .insert({ ...key, at: window.at })
        .returning('id')) as Array<{ id: string }>;
      return { admitted: true, attempt: { id: String(row?.id), email: key.email } };
    });
  }

  async signedIn(attempt: SignInAttempt): Promise<void> {
    await this.knex(TABLE).where({ email: attempt.email }).where('id', '<=', attempt.id).delete();
  }

  async withdraw(attempt: SignInAttempt): Promise<void> {
    await this.knex(TABLE).where({ id: attempt.id }).delete();
  }

  async prune(before: Date, limit: number): Promise<number> {
    return deleteOldest(this.knex, { table: TABLE, key: 'id', age: 'at' }, before, limit);
  }
}
