import { allowedActions, storedAmount } from '@kessai/domain';
import type { Transaction } from '../src/resources';

/**
 * A transaction as the API answers it: authorized for ¥12,000, nothing captured yet; `fields` change any part.
 * Its actions are the domain's for those fields (no refund still processing, no final capture) unless given.
 */
export function aTransaction(fields: Partial<Transaction> = {}): Transaction {
  const tx: Omit<Transaction, 'actions'> = {
    id: 'tx-1',
    status: 'authorization_succeeded',
    intent: 'authorize',
    amount: 12_000,
    authorized_amount: 12_000,
    captured_amount: 0,
    refunded_amount: 0,
    currency: 'JPY',
    external_identifier: 'order-1001',
    metadata: { shop: 'tokyo' },
    payment_method: { approval_url: null },
    payment_service: { id: 'ps-1', display_name: 'Smartpay' },
    payment_service_transaction_id: 'order_smartpay_1',
    buyer: { display_name: null, external_identifier: null, billing_details: null },
    shipping_details: null,
    cart_items: [],
    error_code: null,
    raw_response_code: null,
    raw_response_description: null,
    created_at: '2026-12-01T15:30:00.000Z',
    updated_at: '2026-12-01T15:30:00.000Z',
    authorized_at: '2026-12-01T15:30:00.000Z',
    captured_at: null,
    voided_at: null,
    canceled_at: null,
    approval_expires_at: null,
    ...fields,
  };
  const actions = allowedActions({
    status: tx.status,
    captureClosed: false,
    authorizedAmount: storedAmount(tx.authorized_amount),
    capturedAmount: storedAmount(tx.captured_amount),
    reservedRefundAmount: storedAmount(tx.refunded_amount),
  });
  return { ...tx, actions: fields.actions ?? actions };
}
