import { chown, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { freePort, letOthersTraverse, Pool, postgresUser, type SystemUser } from '@kessai/adapters-postgres';
import { PGBOUNCER } from './cluster-binaries';
import { renderTemplate } from './config-template';
import { type SupervisedProcess, spawnSupervised, waitFor } from './supervised-process';

export interface RunningPgBouncer {
  port: number;
  /** `directUrl` with PgBouncer's address: what DATABASE_URL gets. */
  pooledUrl: string;
  process: SupervisedProcess;
  stop(): Promise<void>;
}

/**
 * PgBouncer in transaction pooling (deploy/pgbouncer/pgbouncer.ini) in front of the PostgreSQL at `directUrl`,
 * logging in with that URL's user and password. PgBouncer refuses to run as root: as root it runs as the
 * `postgres` system user (the one the embedded PostgreSQL runs as), its files in `runDir` owned by that user.
 */
export async function startPgBouncer(options: {
  directUrl: string;
  runDir: string;
  logFile: string;
  log?: (line: string) => void;
}): Promise<RunningPgBouncer> {
  const direct = new URL(options.directUrl);
  const runAs: SystemUser | null =
    process.getuid?.() === 0 ? await postgresUser(options.log ?? (() => undefined)) : null;
  const port = await freePort();
  await mkdir(options.runDir, { recursive: true, mode: 0o700 });
  const ini = join(options.runDir, 'pgbouncer.ini');
  const userlist = join(options.runDir, 'userlist.txt');
  const quoted = (value: string) => `"${decodeURIComponent(value).replaceAll('"', '""')}"`;
  await writeFile(userlist, `${quoted(direct.username)} ${quoted(direct.password)}\n`, { mode: 0o600 });
  await writeFile(
    ini,
    await renderTemplate('pgbouncer/pgbouncer.ini', {
      POSTGRES_HOST: direct.hostname,
      POSTGRES_PORT: direct.port || '5432',
      LISTEN_ADDR: '127.0.0.1',
      LISTEN_PORT: String(port),
      RUN_DIR: options.runDir,
    }),
    { mode: 0o600 },
  );
  if (runAs) {
    for (const path of [options.runDir, ini, userlist]) await chown(path, runAs.uid, runAs.gid);
    await letOthersTraverse([options.runDir], options.log ?? (() => undefined));
  }
  const pgbouncer = spawnSupervised(PGBOUNCER, [ini], { logFile: options.logFile, runAs });
  const pooled = new URL(options.directUrl);
  pooled.hostname = '127.0.0.1';
  pooled.port = String(port);
  const pooledUrl = pooled.toString();
  await waitFor('PgBouncer accepting connections', () => answers(pooledUrl), {
    process: pgbouncer,
    logFile: options.logFile,
  });
  return {
    port,
    pooledUrl,
    process: pgbouncer,
    // Its clients (the Kessai processes) are gone by now: SIGTERM is PgBouncer's immediate shutdown.
    stop: () => pgbouncer.stop('SIGTERM', 5_000),
  };
}

async function answers(url: string): Promise<boolean> {
  const pool = new Pool({ connectionString: url, max: 1 });
  pool.on('error', () => undefined);
  try {
    await pool.query('SELECT 1');
    return true;
  } finally {
    await pool.end();
  }
}
