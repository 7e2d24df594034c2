import { createHmac, timingSafeEqual } from 'node:crypto';
import { base62Decode } from '../base62';

/** HMAC-SHA256 over already-concatenated data, keyed by the base62-decoded secret, lowercase hex (§6.1). */
export function calculateSignature(signingSecret: string, data: string | Buffer): string {
  return createHmac('sha256', base62Decode(signingSecret)).update(data).digest('hex');
}

/** The `Smartpay-Signature` header for one delivery: the message is `timestamp + "." + rawBody`. */
export function signWebhook(signingSecret: string, timestamp: string, rawBody: string | Buffer): string {
  return calculateSignature(signingSecret, Buffer.concat([Buffer.from(`${timestamp}.`), Buffer.from(rawBody)]));
}

export function verifyWebhook(signingSecret: string, timestamp: string, rawBody: string | Buffer, signature: string) {
  const expected = Buffer.from(signWebhook(signingSecret, timestamp, rawBody));
  const actual = Buffer.from(signature);
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}
