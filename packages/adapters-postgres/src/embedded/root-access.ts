import { execFile } from 'node:child_process';
import { chmod, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface SystemUser {
  uid: number;
  gid: number;
}

/** PostgreSQL refuses to run as root: as root it runs as the `postgres` system user, created when missing. */
export async function postgresUser(log: (line: string) => void): Promise<SystemUser> {
  const lookup = async (): Promise<SystemUser> => ({
    uid: Number.parseInt((await run('id', ['-u', 'postgres'])).stdout, 10),
    gid: Number.parseInt((await run('id', ['-g', 'postgres'])).stdout, 10),
  });
  try {
    return await lookup();
  } catch {
    log('creating the "postgres" system user (PostgreSQL cannot run as root)');
    await run('groupadd', ['--system', 'postgres']).catch(() => undefined);
    await run('useradd', ['--system', '--gid', 'postgres', '--no-create-home', 'postgres']);
    return lookup();
  }
}

/**
 * The `postgres` user must walk to the binaries and to the data directory. Directories on the way that others
 * cannot enter (a clone under a 0700 home) get o+x: enter only, nobody can list them; each change is reported.
 */
export async function letOthersTraverse(paths: readonly string[], log: (line: string) => void): Promise<void> {
  const opened: string[] = [];
  const seen = new Set<string>();
  for (const path of paths) {
    for (let dir = dirname(path); !seen.has(dir); dir = dirname(dir)) {
      seen.add(dir);
      const mode = await stat(dir).then(
        (s) => s.mode,
        () => null,
      );
      if (mode !== null && (mode & 0o001) === 0) {
        await chmod(dir, (mode & 0o7777) | 0o001);
        opened.push(dir);
      }
      if (dirname(dir) === dir) break;
    }
  }
  if (opened.length > 0)
    log(`PostgreSQL runs as the "postgres" user (not root): made traversable for it (o+x): ${opened.join(', ')}`);
}
