import type { CartItem, CheckoutSession, CheckoutSessionBuyer, CheckoutSessionRepository } from '@kessai/domain';
import type { Knex } from 'knex';
import { deleteOldest } from './delete-oldest';

interface CheckoutSessionRow {
  id: string;
  merchant_account_id: string;
  amount: number | null;
  currency: string | null;
  cart_items: CartItem[] | null;
  metadata: Record<string, string> | null;
  buyer: CheckoutSessionBuyer | null;
  payment_service_id: string | null;
  expires_at: Date;
  transaction_id: string | null;
  created_at: Date;
  updated_at: Date;
}

const json = (value: unknown) => (value === null ? null : JSON.stringify(value));

/** What the merchant sets; `transaction_id` is written by the claim alone. */
const settableColumns = (session: CheckoutSession) => ({
  amount: session.amount,
  currency: session.currency,
  cart_items: json(session.cartItems),
  metadata: json(session.metadata),
  buyer: json(session.buyer),
  payment_service_id: session.paymentServiceId,
  expires_at: session.expiresAt,
  updated_at: session.updatedAt,
});

const fromRow = (row: CheckoutSessionRow): CheckoutSession => ({
  id: row.id,
  merchantAccountId: row.merchant_account_id,
  amount: row.amount,
  currency: row.currency,
  cartItems: row.cart_items,
  metadata: row.metadata,
  buyer: row.buyer,
  paymentServiceId: row.payment_service_id,
  expiresAt: row.expires_at,
  transactionId: row.transaction_id,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

export class KnexCheckoutSessionRepository implements CheckoutSessionRepository {
  constructor(private readonly knex: Knex) {}

  async add(session: CheckoutSession): Promise<void> {
    await this.knex('checkout_sessions').insert({
      id: session.id,
      merchant_account_id: session.merchantAccountId,
      ...settableColumns(session),
      transaction_id: session.transactionId,
      created_at: session.createdAt,
    });
  }

  async get(merchantAccountId: string, id: string): Promise<CheckoutSession | undefined> {
    const row = await this.knex<CheckoutSessionRow>('checkout_sessions')
      .where({ id, merchant_account_id: merchantAccountId })
      .first();
    return row && fromRow(row);
  }

  async update(session: CheckoutSession): Promise<boolean> {
    const changed = await this.knex('checkout_sessions')
      .where({ id: session.id, merchant_account_id: session.merchantAccountId })
      .update(settableColumns(session));
    return changed > 0;
  }

  async remove(merchantAccountId: string, id: string): Promise<boolean> {
    return (await this.knex('checkout_sessions').where({ id, merchant_account_id: merchantAccountId }).delete()) > 0;
  }

  async claimTransaction(merchantAccountId: string, id: string, transactionId: string): Promise<string | undefined> {
    // One statement: set it if unset, and read back whichever transaction holds the session now.
    const result = await this.knex.raw<{ rows: Array<{ transaction_id: string }> }>(
      `UPDATE checkout_sessions SET transaction_id = COALESCE(transaction_id, ?)
        WHERE id = ? AND merchant_account_id = ? RETURNING transaction_id`,
      [transactionId, id, merchantAccountId],
    );
    return result.rows[0]?.transaction_id;
  }

  prune(before: Date, limit: number): Promise<number> {
    return deleteOldest(this.knex, { table: 'checkout_sessions', key: 'id', age: 'expires_at' }, before, limit);
  }

  async releaseTransaction(merchantAccountId: string, id: string, transactionId: string): Promise<void> {
    await this.knex('checkout_sessions')
      .where({ id, merchant_account_id: merchantAccountId, transaction_id: transactionId })
      .update({ transaction_id: null });
  }
}
