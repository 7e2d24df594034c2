import { moneyStateOf, type TransactionSummary } from '@kessai/domain';

/** Still capturable: nothing once capturing closed (a final capture, the provider released the rest) or ended. */
function remainingToCapture(tx: TransactionSummary): number {
  const open = ['authorization_succeeded', 'capture_pending', 'capture_succeeded'].includes(tx.status);
  return open && !tx.captureClosed ? Math.max(0, tx.authorizedAmount - tx.capturedAmount) : 0;
}

const japanTime = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Asia/Tokyo',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/** The export's columns, each named once with how a transaction fills it. Amounts in minor units, as the API's. */
export const TRANSACTION_CSV_COLUMNS: ReadonlyArray<[string, (tx: TransactionSummary) => string | number | null]> = [
  ['id', (tx) => tx.id],
  ['created_at', (tx) => tx.createdAt.toISOString()],
  ['created_at_japan', (tx) => japanTime.format(tx.createdAt)],
  ['status', (tx) => tx.status],
  ['money_state', moneyStateOf],
  ['amount', (tx) => tx.amount],
  ['captured_amount', (tx) => tx.capturedAmount],
  ['refunded_amount', (tx) => tx.refundedAmount],
  ['remaining_to_capture', remainingToCapture],
  ['remaining_to_refund', (tx) => Math.max(0, tx.capturedAmount - tx.refundedAmount)],
  ['currency', (tx) => tx.currency],
  ['external_identifier', (tx) => tx.externalIdentifier],
  ['buyer_email_address', (tx) => tx.billingDetails.emailAddress || null],
  ['smartpay_order_id', (tx) => tx.providerOrderId],
];
