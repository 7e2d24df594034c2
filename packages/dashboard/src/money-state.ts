// Where a payment's money stands, read from the API's transaction fields: the one place the dashboard decides it.
import type { Capture, Refund, Transaction } from './resources';

export const MONEY_STATES = [
  'pending',
  'uncaptured',
  'partially_captured',
  'captured',
  'partially_refunded',
  'refunded',
  'voided',
  'cancelled',
  'failed',
] as const;
export type MoneyState = (typeof MONEY_STATES)[number];

/** The error code the API serves on a transaction cancelled before the buyer approved (status authorization_failed). */
export const CANCELLED_ERROR_CODE = 'canceled_buyer_approval';

export type MoneyFields = Pick<
  Transaction,
  'status' | 'amount' | 'authorized_amount' | 'captured_amount' | 'refunded_amount' | 'error_code' | 'canceled_at'
>;

/** What the detail page knows beyond the transaction: its captures, refunds and whether the rest was released. */
export interface MoneyHistory {
  captures: ReadonlyArray<Pick<Capture, 'status' | 'amount' | 'final'>>;
  refunds: ReadonlyArray<Pick<Refund, 'status' | 'amount'>>;
  /** The provider released the uncaptured rest (a `transaction.capture-closed` event). */
  released: boolean;
}

export interface Money {
  state: MoneyState;
  authorized: number;
  captured: number;
  refunded: number;
  /**
   * Still capturable; null when the transaction alone cannot tell: after a partial capture the rest may have been
   * released (a final capture, the provider), which only the captures and events say.
   */
  capturable: number | null;
  refundable: number;
}

const AUTHORIZED = new Set<Transaction['status']>([
  'authorization_succeeded',
  'capture_pending',
  'capture_succeeded',
  'authorization_void_pending',
]);

export function isCancelled(tx: Pick<Transaction, 'status' | 'error_code' | 'canceled_at'>): boolean {
  return tx.status === 'authorization_failed' && (tx.canceled_at !== null || tx.error_code === CANCELLED_ERROR_CODE);
}

function stateOf(tx: MoneyFields): MoneyState {
  if (isCancelled(tx)) return 'cancelled';
  if (tx.status === 'authorization_failed' || tx.status === 'authorization_declined') return 'failed';
  if (tx.status === 'authorization_voided') return 'voided';
  if (!AUTHORIZED.has(tx.status)) return 'pending';
  if (tx.refunded_amount > 0) return tx.refunded_amount >= tx.captured_amount ? 'refunded' : 'partially_refunded';
  if (tx.captured_amount === 0) return 'uncaptured';
  return tx.captured_amount < tx.authorized_amount ? 'partially_captured' : 'captured';
}

const sum = (items: ReadonlyArray<{ amount: number }>) => items.reduce((total, item) => total + item.amount, 0);

function capturableOf(tx: MoneyFields, history: MoneyHistory | undefined): number | null {
  if (tx.status !== 'authorization_succeeded' && tx.status !== 'capture_succeeded' && tx.status !== 'capture_pending')
    return 0;
  if (history) {
    // A final capture, pending or made, ends capturing; pending captures hold their amount until they end.
    const claimed = history.captures.filter((c) => c.status === 'pending' || c.status === 'succeeded');
    if (history.released || claimed.some((c) => c.final)) return 0;
    return Math.max(0, tx.authorized_amount - sum(claimed));
  }
  if (tx.status === 'authorization_succeeded') return tx.authorized_amount - tx.captured_amount;
  return tx.captured_amount >= tx.authorized_amount ? 0 : null;
}

function refundableOf(tx: MoneyFields, history: MoneyHistory | undefined): number {
  // Refunds still processing hold their amount: the API refuses a refund beyond what they leave.
  const claimed = history
    ? sum(history.refunds.filter((r) => r.status === 'processing' || r.status === 'succeeded'))
    : tx.refunded_amount;
  return Math.max(0, tx.captured_amount - Math.max(claimed, tx.refunded_amount));
}

/** The money state and amounts of a transaction; amounts in the currency's minor unit, as the API gives them. */
export function moneyOf(tx: MoneyFields, history?: MoneyHistory): Money {
  const state = stateOf(tx);
  const holdsMoney = AUTHORIZED.has(tx.status);
  return {
    state,
    authorized: tx.authorized_amount,
    captured: tx.captured_amount,
    refunded: tx.refunded_amount,
    capturable: holdsMoney ? capturableOf(tx, history) : 0,
    refundable: holdsMoney ? refundableOf(tx, history) : 0,
  };
}

/** The API's list filters for a status the dashboard offers: its own `cancelled` is a failed status and a code. */
export function statusQuery(status: string): { status?: string; error_code?: string } {
  if (!status) return {};
  if (status === 'cancelled') return { status: 'authorization_failed', error_code: CANCELLED_ERROR_CODE };
  return { status };
}

/** The status a person reads: the API's, except a cancelled payment, which the API serves as a failed one. */
export function shownStatus(tx: Pick<Transaction, 'status' | 'error_code' | 'canceled_at'>): string {
  return isCancelled(tx) ? 'cancelled' : tx.status;
}
