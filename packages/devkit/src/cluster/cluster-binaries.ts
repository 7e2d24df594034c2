import { access, constants } from 'node:fs/promises';
import { UserError } from '@kessai/server';

/** Debian's packages: the cluster runs the real engines, the ones a production host runs. */
export const PGBOUNCER = '/usr/sbin/pgbouncer';
export const HAPROXY = '/usr/sbin/haproxy';

/** Refuses with the one command that installs what is missing (sudo when not root). */
export async function requireClusterBinaries(): Promise<void> {
  const missing: string[] = [];
  for (const binary of [PGBOUNCER, HAPROXY])
    if (
      !(await access(binary, constants.X_OK).then(
        () => true,
        () => false,
      ))
    )
      missing.push(binary);
  if (missing.length === 0) return;
  const sudo = process.getuid?.() === 0 ? '' : 'sudo ';
  throw new UserError(
    `${missing.join(' and ')} missing: install them with \`${sudo}apt-get install -y pgbouncer haproxy\``,
  );
}
