import { createHmac, timingSafeEqual } from 'node:crypto';

/** Smartpay's base62 alphabet for signing secrets: A–Z, then a–z, then 0–9 (smartpay-api.md §6.1). */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** base-x decoding: big-endian, each leading `A` (zero digit) is a leading zero byte. */
export function decodeSigningSecret(secret: string): Buffer {
  let value = 0n;
  for (const char of secret) {
    const digit = ALPHABET.indexOf(char);
    if (digit < 0) throw new Error('signing secret is not base62');
    value = value * 62n + BigInt(digit);
  }
  const bytes: number[] = [];
  while (value > 0n) {
    bytes.unshift(Number(value & 0xffn));
    value >>= 8n;
  }
  let leadingZeros = 0;
  while (secret[leadingZeros] === 'A') leadingZeros++;
  return Buffer.from([...new Array<number>(leadingZeros).fill(0), ...bytes]);
}

/** Lower-case hex HMAC-SHA256 of `data` (already `timestamp.body`) under the decoded secret. */
export function calculateSignature(signingSecret: string, data: string): string {
  return createHmac('sha256', decodeSigningSecret(signingSecret)).update(data, 'utf8').digest('hex');
}

/** Constant-time comparison of the expected signature with the one received. */
export function signatureMatches(signingSecret: string, timestamp: string, rawBody: string, received: string): boolean {
  const expected = Buffer.from(calculateSignature(signingSecret, `${timestamp}.${rawBody}`), 'utf8');
  const given = Buffer.from(received.trim().toLowerCase(), 'utf8');
  return expected.length === given.length && timingSafeEqual(expected, given);
}
