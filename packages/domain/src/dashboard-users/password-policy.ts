import { DomainError } from '../errors';

export class WeakPasswordError extends DomainError {
  readonly code = 'weak_password';
}

export const MIN_PASSWORD_LENGTH = 12;
/** A memory-hard hash of a huge input costs the server, not the attacker: long inputs are refused. */
export const MAX_PASSWORD_LENGTH = 256;

/** A new password is long enough to resist guessing and short enough to hash cheaply; no composition rules (NIST 800-63B). */
export function checkNewPassword(password: string): void {
  if ([...password].length < MIN_PASSWORD_LENGTH)
    throw new WeakPasswordError(`the password must be at least ${MIN_PASSWORD_LENGTH} characters`, '/password');
  if (password.length > MAX_PASSWORD_LENGTH)
    throw new WeakPasswordError(`the password must be at most ${MAX_PASSWORD_LENGTH} characters`, '/password');
  if (new Set(password).size < 4)
    throw new WeakPasswordError('the password must not repeat one or two characters', '/password');
}
