import { DomainError } from '../errors';
import { COMMON_LONG_PASSWORDS, COMMON_PASSWORD_WORDS } from './common-passwords';

export class WeakPasswordError extends DomainError {
  readonly code = 'weak_password';
}

export const MIN_PASSWORD_LENGTH = 12;
/** A memory-hard hash of a huge input costs the server, not the attacker: long inputs are refused. */
export const MAX_PASSWORD_LENGTH = 256;
/** Shorter parts of an e-mail (`ops`, `jp`) are too common inside real passphrases to refuse. */
const MIN_CONTEXT_WORD = 4;

/** Characters people put in place of letters (`p@ssw0rd`), read back as the letters. */
const LOOK_ALIKES: Record<string, string> = {
  '@': 'a',
  '4': 'a',
  '0': 'o',
  '1': 'i',
  '!': 'i',
  '3': 'e',
  $: 's',
  '5': 's',
  '7': 't',
};
const asLetters = (text: string) => [...text].map((c) => LOOK_ALIKES[c] ?? c).join('');

/** The word a password is built on: lower case, digits and symbols at either end taken off, look-alikes read back. */
function baseWord(password: string): string {
  return asLetters(password.toLowerCase().replace(/^[^\p{L}]+|[^\p{L}]+$/gu, ''));
}

/** Words a guesser who knows the account tries: the service's name and the user's own e-mail (NIST 800-63B). */
function contextWords(email: string | undefined): string[] {
  if (!email) return ['kessai'];
  const local = email.split('@')[0] ?? '';
  const parts = [local, ...local.split(/[._+-]/)].filter((part) => part.length >= MIN_CONTEXT_WORD);
  return ['kessai', email, ...parts];
}

/**
 * A new password is long enough to resist guessing and short enough to hash cheaply; no composition rules, but
 * not a common password nor built on the service's name or the user's e-mail (NIST 800-63B §5.1.1.2).
 */
export function checkNewPassword(password: string, context: { email?: string | undefined; field?: string } = {}): void {
  const field = context.field ?? '/password';
  if ([...password].length < MIN_PASSWORD_LENGTH)
    throw new WeakPasswordError(`the password must be at least ${MIN_PASSWORD_LENGTH} characters`, field);
  if (password.length > MAX_PASSWORD_LENGTH)
    throw new WeakPasswordError(`the password must be at most ${MAX_PASSWORD_LENGTH} characters`, field);
  if (new Set(password).size < 4)
    throw new WeakPasswordError('the password must not repeat one or two characters', field);
  const lower = password.toLowerCase();
  if (COMMON_PASSWORD_WORDS.has(baseWord(password)) || COMMON_LONG_PASSWORDS.has(lower))
    throw new WeakPasswordError('the password is one of the most common ones: choose another', field);
  const readBack = asLetters(lower);
  if (contextWords(context.email).some((word) => lower.includes(word) || readBack.includes(asLetters(word))))
    throw new WeakPasswordError('the password must not contain the e-mail address or the service’s name', field);
}
