import { connectPostgres } from '../connect';
import { GraphileJobScheduler } from '../jobs/graphile-jobs';
import { migrate } from './migrate';

/** Kessai's migrations, then the job queue's, on a direct connection of their own (`kessai migrate`). */
export async function migrateDatabase(directUrl: string): Promise<string[]> {
  const direct = connectPostgres(directUrl, { poolMax: 2 });
  try {
    const applied = await migrate(direct);
    await GraphileJobScheduler.migrate(directUrl);
    return applied;
  } finally {
    await direct.destroy();
  }
}
