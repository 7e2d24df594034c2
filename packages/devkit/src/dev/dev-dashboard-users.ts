import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { DashboardServices } from '@kessai/api';
import { ScryptPasswordHasher } from '@kessai/api';
import type { DashboardRole } from '@kessai/domain';
import { generatePassword } from '@kessai/server';

export interface DevDashboardUser {
  email: string;
  password: string;
  role: DashboardRole;
  /** False when the user's password was changed since it was made: the kept one no longer signs in. */
  current: boolean;
}

const DEV_USERS: ReadonlyArray<{ email: string; role: DashboardRole }> = [
  { email: 'admin@kessai.local', role: 'admin' },
  { email: 'viewer@kessai.local', role: 'viewer' },
];

/**
 * `pnpm start`'s dashboard users for merchant `default`, an admin and a viewer, with passwords made once and kept
 * in DATA_DIR/dashboard-users.json (0600) so the printed sign-in stays the same across restarts. A password
 * changed since is kept as it is, not forced back.
 */
export async function ensureDevDashboardUsers(
  dashboard: Pick<DashboardServices, 'users' | 'manageUsers'>,
  dataDir: string,
): Promise<DevDashboardUser[]> {
  const path = join(dataDir, 'dashboard-users.json');
  const kept = await readFile(path, 'utf8')
    .then((text) => JSON.parse(text) as Array<{ email: string; password: string }>)
    .catch(() => []);
  const hasher = new ScryptPasswordHasher();
  const users: DevDashboardUser[] = [];
  for (const { email, role } of DEV_USERS) {
    const password = kept.find((user) => user.email === email)?.password ?? generatePassword();
    const existing = await dashboard.users.findByEmail(email);
    if (!existing) await dashboard.manageUsers.create({ email, role, merchantAccountId: 'default', password });
    const current = existing ? await hasher.verify(password, existing.passwordHash) : true;
    users.push({ email, role: existing?.role ?? role, password, current });
  }
  const file = users.map(({ email, password, role }) => ({ email, password, role }));
  await writeFile(path, `${JSON.stringify(file, null, 2)}\n`, { mode: 0o600 });
  return users;
}
