/**
 * Smartpay's base62 alphabet for webhook signing secrets (§6.1): upper case, then lower case, then digits.
 * Note it differs from the usual 0-9A-Za-z order, which would decode to different key bytes.
 */
export const SMARTPAY_BASE62_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

const BASE = 62n;

/** Decodes with base-x semantics: every leading zero-digit ('A') becomes one leading zero byte. */
export function base62Decode(input: string, alphabet: string = SMARTPAY_BASE62_ALPHABET): Buffer {
  let leadingZeros = 0;
  while (leadingZeros < input.length && input[leadingZeros] === alphabet[0]) leadingZeros++;
  let value = 0n;
  for (let i = leadingZeros; i < input.length; i++) {
    const digit = alphabet.indexOf(input.charAt(i));
    if (digit < 0) throw new Error(`Invalid base62 character '${input.charAt(i)}' at ${i}`);
    value = value * BASE + BigInt(digit);
  }
  const significant: number[] = [];
  while (value > 0n) {
    significant.unshift(Number(value & 0xffn));
    value >>= 8n;
  }
  return Buffer.concat([Buffer.alloc(leadingZeros), Buffer.from(significant)]);
}

/** Inverse of base62Decode (leading zero bytes become leading 'A's). */
export function base62Encode(bytes: Uint8Array, alphabet: string = SMARTPAY_BASE62_ALPHABET): string {
  let leadingZeros = 0;
  while (leadingZeros < bytes.length && bytes[leadingZeros] === 0) leadingZeros++;
  let value = 0n;
  for (let i = leadingZeros; i < bytes.length; i++) value = (value << 8n) | BigInt(bytes[i] ?? 0);
  let digits = '';
  while (value > 0n) {
    digits = alphabet.charAt(Number(value % BASE)) + digits;
    value /= BASE;
  }
  return alphabet.charAt(0).repeat(leadingZeros) + digits;
}
