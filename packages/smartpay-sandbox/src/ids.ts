import { SMARTPAY_BASE62_ALPHABET } from './base62';
import type { Mode } from './model';
import { type RandomSource, randomString } from './random';

const ID_ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
/** Observed Smartpay ids carry 21–22 base62 characters (≈128 bits); we always use 22. */
const ID_SUFFIX_LENGTH = 22;
const SIGNING_SECRET_LENGTH = 40;

export type IdPrefix =
  | 'checkout'
  | 'order'
  | 'li'
  | 'price'
  | 'product'
  | 'payment'
  | 'refund'
  | 'evt'
  | 'webhookendpoint';

export class IdFactory {
  constructor(private readonly random: RandomSource) {}

  next(prefix: IdPrefix, mode: Mode): string {
    return `${prefix}_${mode}_${randomString(this.random, ID_ALPHABET, ID_SUFFIX_LENGTH)}`;
  }

  /** 40 characters of the §6.1 alphabet, i.e. a 30-byte HMAC key once base62-decoded. */
  signingSecret(): string {
    return randomString(this.random, SMARTPAY_BASE62_ALPHABET, SIGNING_SECRET_LENGTH);
  }
}
