import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { PasswordHash, PasswordHasher } from '@kessai/domain';
import { PasswordCheckSlots } from './password-check-slots';
import { ScryptThread } from './scrypt-thread';

/** OWASP's scrypt settings at 32 MiB (N=2^15, r=8, p=3): memory-hard, and affordable on a small server. */
const DEFAULTS = { N: 2 ** 15, r: 8, p: 3 };
const KEY_LENGTH = 32;
/** Parameters read back from a stored hash are bounded: a tampered row must not make one sign-in eat the server. */
const MAX_N = 2 ** 20;
const MAX_P = 16;

/** Every hasher of the process shares one low-priority thread (see ScryptThread). */
const thread = new ScryptThread();

function derive(password: string, salt: Buffer, params: { N: number; r: number; p: number }): Promise<Buffer> {
  const options = { ...params, maxmem: 256 * params.N * params.r + 1024 * 1024 };
  return thread.derive(password.normalize('NFKC'), salt, KEY_LENGTH, options);
}

/**
 * One hash at a time, on its own low-priority thread, leaves the API's event loop and libuv's threads (ES512 token
 * checks, DNS, files) their CPU; eight waiting is about three seconds of work, beyond which a sign-in is refused at
 * once.
 */
const SLOTS = { running: 1, waiting: 8 };

/** `scrypt$N$r$p$salt$hash` (base64url): the parameters travel with the hash, so they can be raised later. */
export class ScryptPasswordHasher implements PasswordHasher {
  private readonly slots: PasswordCheckSlots;

  constructor(
    private readonly params: { N: number; r: number; p: number } = DEFAULTS,
    slots: { running: number; waiting: number } = SLOTS,
  ) {
    this.slots = new PasswordCheckSlots(slots);
  }

  async hash(password: string): Promise<PasswordHash> {
    const salt = randomBytes(16);
    const key = await this.slots.run(() => derive(password, salt, this.params));
    const { N, r, p } = this.params;
    return `scrypt$${N}$${r}$${p}$${salt.toString('base64url')}$${key.toString('base64url')}` as PasswordHash;
  }

  async verify(password: string, hash: PasswordHash): Promise<boolean> {
    const [scheme, n, r, p, salt, key] = hash.split('$');
    const params = { N: Number(n), r: Number(r), p: Number(p) };
    if (scheme !== 'scrypt' || !salt || !key) return false;
    if (!Number.isInteger(Math.log2(params.N)) || params.N < 2 || params.N > MAX_N) return false;
    if (!Number.isInteger(params.r) || params.r < 1 || params.r > 32) return false;
    if (!Number.isInteger(params.p) || params.p < 1 || params.p > MAX_P) return false;
    const expected = Buffer.from(key, 'base64url');
    if (expected.length !== KEY_LENGTH) return false;
    const actual = await this.slots.run(() => derive(password, Buffer.from(salt, 'base64url'), params));
    return timingSafeEqual(actual, expected);
  }
}
