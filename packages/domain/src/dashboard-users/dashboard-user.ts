import { InvalidFieldError } from '../errors';

/** What a dashboard user may do: `admin` everything, `viewer` read only. */
export type DashboardRole = 'admin' | 'viewer';
export const DASHBOARD_ROLES: readonly DashboardRole[] = ['admin', 'viewer'];

/** A password hash as the hasher wrote it (algorithm and parameters inside); the domain never looks into it. */
export type PasswordHash = string & { readonly __brand: 'PasswordHash' };

/** A person who signs in to the dashboard of one merchant account. */
export interface DashboardUser {
  id: string;
  merchantAccountId: string;
  /** Normalised (trimmed, lower case): the sign-in name, unique across Kessai. */
  email: string;
  role: DashboardRole;
  passwordHash: PasswordHash;
  createdAt: Date;
  /** When an admin deactivated them: they cannot sign in, and their sessions ended. */
  deactivatedAt?: Date | null;
  /** Invited with a one-time password: they must choose their own before doing anything else. */
  mustChangePassword?: boolean;
}

export interface NewDashboardUser {
  id: string;
  merchantAccountId: string;
  email: string;
  role: string;
  passwordHash: PasswordHash;
  createdAt: Date;
  mustChangePassword?: boolean;
}

const MERCHANT_ID = /^[a-z0-9][a-z0-9-_]{0,49}$/i;
/** Deliberately loose (one @, a dot in the domain, no spaces): the address is a sign-in name, not a mailbox check. */
const EMAIL = /^[^\s@]{1,64}@[^\s@]+\.[^\s@.]+$/;
export const MAX_EMAIL_LENGTH = 254;

/** The sign-in name as stored and looked up: trimmed and lower-cased, so `Ops@Shop.jp` and `ops@shop.jp` are one. */
export function normaliseEmail(raw: string): string {
  return raw.trim().toLowerCase();
}

/** Who counts toward the one active admin every merchant account keeps. */
export const isActiveAdmin = (user: DashboardUser) => user.role === 'admin' && !user.deactivatedAt;

export function isDashboardRole(value: string): value is DashboardRole {
  return (DASHBOARD_ROLES as readonly string[]).includes(value);
}

/** The rules on who a user is, checked before any password is hashed for them. */
export function checkUserFields(input: { email: string; role: string; merchantAccountId: string }): {
  email: string;
  role: DashboardRole;
} {
  const email = normaliseEmail(input.email);
  if (email.length > MAX_EMAIL_LENGTH || !EMAIL.test(email))
    throw new InvalidFieldError('email must be an e-mail address such as ops@shop.example.jp', '/email');
  if (!isDashboardRole(input.role))
    throw new InvalidFieldError(`role must be one of ${DASHBOARD_ROLES.join(', ')}`, '/role');
  if (!MERCHANT_ID.test(input.merchantAccountId))
    throw new InvalidFieldError('merchant account id must be 1-50 letters, digits, - or _', '/merchant_account_id');
  return { email, role: input.role };
}

export function newDashboardUser(input: NewDashboardUser): DashboardUser {
  const { email, role } = checkUserFields(input);
  return {
    id: input.id,
    merchantAccountId: input.merchantAccountId,
    email,
    role,
    passwordHash: input.passwordHash,
    createdAt: input.createdAt,
    deactivatedAt: null,
    mustChangePassword: input.mustChangePassword ?? false,
  };
}

/** Whether the role may change anything (a viewer only reads). */
export function roleMayWrite(role: DashboardRole): boolean {
  switch (role) {
    case 'admin':
      return true;
    case 'viewer':
      return false;
  }
}
