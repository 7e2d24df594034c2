const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/**
 * Gr4vy's `reconciliation_id`: the UUID as base62 (≤ 22 chars), short enough for provider reference fields
 * (Smartpay's `reference` takes 40) and reversible to the id.
 */
export function reconciliationIdFor(uuid: string): string {
  const hex = uuid.replace(/-/g, '');
  if (!/^[0-9a-f]{32}$/i.test(hex)) return uuid.slice(0, 40);
  let value = BigInt(`0x${hex}`);
  let out = '';
  while (value > 0n) {
    out = ALPHABET[Number(value % 62n)] + out;
    value /= 62n;
  }
  return out.padStart(22, '0');
}
