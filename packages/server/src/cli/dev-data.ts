import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { processAlive, wipeEmbeddedCluster } from '@kessai/adapters-postgres';
import { UserError } from './user-error';

/** `.data/` at the checkout's root, wherever the command runs from (DATA_DIR overrides). */
export function defaultDataDir(env: NodeJS.ProcessEnv): string {
  return resolve(env.DATA_DIR ?? join(__dirname, '..', '..', '..', '..', '.data'));
}

/** Development only: a credentials-encryption key kept under DATA_DIR (production passes KESSAI_ENCRYPTION_KEY). */
export async function devEncryptionKey(dataDir: string): Promise<string> {
  const path = join(dataDir, 'encryption-key');
  try {
    return (await readFile(path, 'utf8')).trim();
  } catch {
    const key = Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString('base64');
    await writeFile(path, `${key}\n`, { mode: 0o600, flag: 'wx' }).catch(async (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EEXIST') throw error;
    });
    return (await readFile(path, 'utf8')).trim();
  }
}

/** Where the credentials-encryption key comes from: the variable, else the dev key file under DATA_DIR. */
function keySource(env: NodeJS.ProcessEnv, dataDir: string): string {
  return env.KESSAI_ENCRYPTION_KEY ? 'KESSAI_ENCRYPTION_KEY' : join(dataDir, 'encryption-key');
}

/**
 * Said at start-up when an external database gets the dev key file: that file, not `reset`, is now what keeps the
 * database's credentials readable. Null when the key is given or the database is the embedded one.
 */
export function devKeyNotice(env: NodeJS.ProcessEnv, dataDir: string): string | null {
  if (!env.DATABASE_URL || env.KESSAI_ENCRYPTION_KEY) return null;
  return (
    `DATABASE_URL is set without KESSAI_ENCRYPTION_KEY: credentials stored in that database are sealed with the dev ` +
    `key ${keySource(env, dataDir)}; keep that file (or set KESSAI_ENCRYPTION_KEY to its content) or they cannot be read`
  );
}

/** Stored credentials that do not open with the key given: the way out depends on whose database it is. */
export function keyMismatchMessage(env: NodeJS.ProcessEnv, dataDir: string): string {
  const source = keySource(env, dataDir);
  if (env.DATABASE_URL)
    return (
      `the database at DATABASE_URL holds credentials sealed with another key than ${source}: set ` +
      'KESSAI_ENCRYPTION_KEY to the key that database was first used with (a reset wipes only the embedded dev ' +
      'data, never that database)'
    );
  return (
    `the dev database in ${join(dataDir, 'pg')} was encrypted with another key than ${source}: restore the key it ` +
    'was made with, or wipe the dev data with `pnpm start -- --reset`'
  );
}

interface DevLock {
  pid: number;
  apiUrl: string;
}

const lockPath = (dataDir: string) => join(dataDir, 'dev.lock');

async function liveLock(dataDir: string): Promise<DevLock | null> {
  try {
    const lock = JSON.parse(await readFile(lockPath(dataDir), 'utf8')) as DevLock;
    return lock.pid !== process.pid && processAlive(lock.pid) ? lock : null;
  } catch {
    return null;
  }
}

/** One dev stack per data directory: a second `pnpm start` says where the first one runs instead of fighting it. */
export async function claimDevLock(dataDir: string, apiUrl: string): Promise<() => Promise<void>> {
  for (;;) {
    const running = await liveLock(dataDir);
    if (running)
      throw new UserError(
        `Kessai is already running from ${dataDir} (pid ${running.pid}, API ${running.apiUrl}): use it, or stop it first`,
      );
    try {
      await writeFile(lockPath(dataDir), JSON.stringify({ pid: process.pid, apiUrl }), { flag: 'wx', mode: 0o644 });
      return () => rm(lockPath(dataDir), { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      if (!(await liveLock(dataDir))) await rm(lockPath(dataDir), { force: true });
    }
  }
}

/**
 * `reset`: all dev data (database, sandbox state, keys, encryption key, anything else there), refused while a dev
 * stack uses it. The test run's cluster (`pg-test`) is not dev data and may be in use: it stays.
 */
export async function resetDevData(dataDir: string, env: NodeJS.ProcessEnv): Promise<void> {
  // Deleting the key but not that database would leave its sealed credentials unreadable.
  if (env.DATABASE_URL)
    throw new UserError(
      `reset wipes only the embedded dev data in ${dataDir} (its database, sandbox state, keys and dev encryption ` +
        'key), never the database at DATABASE_URL, and not while DATABASE_URL is set, since that database may ' +
        'need the dev key: unset DATABASE_URL to wipe the dev data; to empty the external database, drop it yourself',
    );
  const running = await liveLock(dataDir);
  if (running)
    throw new UserError(`Kessai is running from ${dataDir} (pid ${running.pid}): stop it before resetting its data`);
  await wipeEmbeddedCluster(join(dataDir, 'pg'));
  const entries = await readdir(dataDir).catch(() => [] as string[]);
  for (const entry of entries)
    if (!entry.startsWith('pg-test')) await rm(join(dataDir, entry), { recursive: true, force: true });
}
