import type { JobQueueConnections } from '@kessai/adapters-postgres';
import type { Config } from '../composition/config';

/**
 * The two ways to the database: `url` for every query (DATABASE_URL, which may be a transaction pooler), and
 * `directUrl` for migrations and the job worker's LISTEN (DATABASE_DIRECT_URL, else the same URL). Named prepared
 * statements only where they survive: asked for, or a connection known to be direct (the embedded server, or a
 * direct URL given apart from the pooled one).
 */
export function databaseUrls(
  config: Config,
  resolved: { connectionString: string; embedded: boolean },
): JobQueueConnections {
  const url = resolved.connectionString;
  const directUrl = (!resolved.embedded && config.DATABASE_DIRECT_URL) || url;
  const preparedStatements = config.DATABASE_PREPARED_STATEMENTS ?? resolved.embedded;
  return { url, directUrl, preparedStatements, directPreparedStatements: directUrl !== url || preparedStatements };
}
