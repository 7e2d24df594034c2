import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Gr4vy's merchant-webhook signature (reference §8.1): HMAC-SHA256 over `{timestamp}.{raw body}` with the
 * subscription secret, hex; the header carries one signature per valid secret, comma-separated.
 */
export function signWebhook(secret: string, timestamp: number, body: string): string {
  return createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
}

export function webhookSignatureHeader(secrets: readonly string[], timestamp: number, body: string): string {
  return secrets.map((secret) => signWebhook(secret, timestamp, body)).join(',');
}

/**
 * For receivers written in TypeScript: true when one of the header's signatures matches `secret` and the
 * timestamp is within `toleranceSeconds` of `nowSeconds` (stale deliveries are replays).
 */
export function verifyWebhookSignature(input: {
  secret: string;
  signaturesHeader: string;
  timestampHeader: string;
  body: string;
  nowSeconds: number;
  toleranceSeconds?: number;
}): boolean {
  const timestamp = Number(input.timestampHeader);
  if (!/^\d+$/.test(input.timestampHeader) || !Number.isSafeInteger(timestamp)) return false;
  if (Math.abs(input.nowSeconds - timestamp) > (input.toleranceSeconds ?? 300)) return false;
  const expected = Buffer.from(signWebhook(input.secret, timestamp, input.body), 'hex');
  return input.signaturesHeader.split(',').some((candidate) => {
    const given = Buffer.from(candidate.trim(), 'hex');
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
}
