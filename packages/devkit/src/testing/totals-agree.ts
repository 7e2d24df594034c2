/** A transaction as the API answers it, read after a sync. */
interface Totals {
  amount: number;
  captured_amount: number;
  refunded_amount: number;
}

/** The ceilings hold, and Kessai's captured and refunded totals are Smartpay's for the same order. */
export function expectTotalsAgree(
  transaction: Totals,
  smartpay: { capturedAmount: number; refundedAmount: number },
): void {
  expect(transaction.captured_amount).toBeLessThanOrEqual(transaction.amount);
  expect(transaction.refunded_amount).toBeLessThanOrEqual(transaction.captured_amount);
  expect({ captured: transaction.captured_amount, refunded: transaction.refunded_amount }).toEqual({
    captured: smartpay.capturedAmount,
    refunded: smartpay.refundedAmount,
  });
}
