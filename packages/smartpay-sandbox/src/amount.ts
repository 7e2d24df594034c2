import type { LineItemKind } from './model';

export interface AmountLine {
  kind?: LineItemKind;
  amount: number;
  quantity?: number;
}

/**
 * The total Smartpay's SDKs compute when `amount` is omitted (§3.1): products − discounts + tax + shipping fee.
 * Discounts carry positive amounts; a missing quantity counts as 1.
 */
export function expectedAmount(items: readonly AmountLine[], shippingFee = 0): number {
  let total = shippingFee;
  for (const item of items) {
    const line = item.amount * (item.quantity ?? 1);
    total += item.kind === 'discount' ? -line : line;
  }
  return total;
}

/** A request detail explaining a mismatch, or undefined when `amount` is consistent with the items. */
export function amountMismatch(amount: number, items: readonly AmountLine[], shippingFee = 0): string | undefined {
  const expected = expectedAmount(items, shippingFee);
  if (expected === amount) return undefined;
  return `amount: must equal products − discounts + tax + shippingInfo.feeAmount = ${expected}, got ${amount}`;
}
