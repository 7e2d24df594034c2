import { randomBytes } from 'node:crypto';
import { ScryptPasswordHasher } from '@kessai/api';
import {
  type DashboardSessionStore,
  type DashboardUser,
  type DashboardUserRepository,
  DomainError,
  ManageDashboardUsers,
  normaliseEmail,
  RandomIdGenerator,
  SystemClock,
} from '@kessai/domain';
import { UserError } from './user-error';

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const LENGTH = 21;

/**
 * 125 random bits in 21 letters and digits: typed once, then kept in a password manager. No `-`, `_` or other
 * sign, so a password pasted into a shell or after a flag is never read as an option. A byte is kept only below
 * 248 (4 × 62), so every character is equally likely.
 */
export function generatePassword(): string {
  let password = '';
  while (password.length < LENGTH) {
    for (const byte of randomBytes(LENGTH)) {
      if (byte < 248 && password.length < LENGTH) password += ALPHANUMERIC[byte % ALPHANUMERIC.length];
    }
  }
  return password;
}

export function dashboardUserAdmin(storage: { users: DashboardUserRepository; sessions: DashboardSessionStore }) {
  return new ManageDashboardUsers({
    ...storage,
    hasher: new ScryptPasswordHasher(),
    clock: new SystemClock(),
    ids: new RandomIdGenerator(),
  });
}

/** The domain's refusals (bad e-mail, weak password, taken e-mail) are the user's to fix: one line each. */
export async function asUserError<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof DomainError) throw new UserError(error.message);
    throw error;
  }
}

export async function createDashboardUser(
  storage: { users: DashboardUserRepository; sessions: DashboardSessionStore },
  input: { email: string; role: string; merchantAccountId: string; password: string | undefined },
): Promise<{ user: DashboardUser; generatedPassword: string | null }> {
  const generatedPassword = input.password === undefined ? generatePassword() : null;
  const user = await asUserError(() =>
    dashboardUserAdmin(storage).create({ ...input, password: input.password ?? (generatedPassword as string) }),
  );
  return { user, generatedPassword };
}

export async function setDashboardPassword(
  storage: { users: DashboardUserRepository; sessions: DashboardSessionStore },
  input: { email: string; password: string | undefined },
): Promise<{ user: DashboardUser; generatedPassword: string | null }> {
  const user = await storage.users.findByEmail(normaliseEmail(input.email));
  if (!user) throw new UserError(`no dashboard user with e-mail ${normaliseEmail(input.email)}`);
  const generatedPassword = input.password === undefined ? generatePassword() : null;
  await asUserError(() =>
    dashboardUserAdmin(storage).setPassword(user.id, input.password ?? (generatedPassword as string)),
  );
  return { user, generatedPassword };
}

/** A password piped in (`--password-stdin`), without its final newline; never from argv, where `ps` shows it. */
export async function readPasswordFromStdin(stdin: NodeJS.ReadableStream = process.stdin): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stdin) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  const password = Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
  if (!password) throw new UserError('--password-stdin read an empty password');
  return password;
}
