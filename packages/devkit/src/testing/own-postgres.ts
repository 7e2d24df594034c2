import { join } from 'node:path';
import { type EmbeddedServer, startEmbeddedPostgres } from '@kessai/adapters-postgres';

/**
 * Starts Kessai (`start`) on a PostgreSQL server of the suite's own, under `.data/pg-<name>`: for a suite that counts
 * the cluster's transaction ids, to which the suites running beside it on the test run's server would add theirs.
 */
export async function onOwnPostgres<T>(
  name: string,
  start: () => Promise<T>,
): Promise<{ kessai: T; server: EmbeddedServer }> {
  const server = await startEmbeddedPostgres({ dataDir: join(__dirname, `../../../../.data/pg-${name}`) });
  const shared = process.env.KESSAI_TEST_DATABASE_URL;
  process.env.KESSAI_TEST_DATABASE_URL = server.connectionString;
  try {
    return { kessai: await start(), server };
  } catch (error) {
    await server.stop();
    throw error;
  } finally {
    if (shared === undefined) delete process.env.KESSAI_TEST_DATABASE_URL;
    else process.env.KESSAI_TEST_DATABASE_URL = shared;
  }
}
