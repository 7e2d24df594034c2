import type { OrderPageRequest, ProviderOrderPage } from '@kessai/domain';
import type { SmartpayClient } from './client/smartpay-client';
import { orderSummary } from './wire/order-snapshot';
import {
  collectionSchema,
  orderSchema,
  paymentSchema,
  refundSchema,
  type SmartpayOrder,
  type SmartpayPayment,
  type SmartpayRefund,
} from './wire/schemas';

/** The most orders one list call asks for. */
const MAX_PAGE = 100;

/** An order as Smartpay holds it: its payments, oldest first, and their refunds. */
export interface LoadedOrder {
  order: SmartpayOrder;
  payments: SmartpayPayment[];
  refunds: SmartpayRefund[];
}

/** Reads Smartpay's orders: one with everything it holds, or a page of the list. Errors are the client's. */
export class SmartpayOrderReader {
  constructor(private readonly client: SmartpayClient) {}

  /** The order with its payments (oldest first) and their refunds, fetching what `expand=all` left as ids. */
  async load(secretKey: string, orderId: string): Promise<LoadedOrder> {
    const order = orderSchema.parse(
      await this.client.send({
        method: 'GET',
        path: `/orders/${encodeURIComponent(orderId)}`,
        secretKey,
        query: { expand: 'all' },
      }),
    );
    const payments: SmartpayPayment[] = [];
    for (const entry of order.payments) {
      payments.push(
        typeof entry === 'string'
          ? paymentSchema.parse(
              await this.client.send({ method: 'GET', path: `/payments/${encodeURIComponent(entry)}`, secretKey }),
            )
          : entry,
      );
    }
    payments.sort((a, b) => a.createdAt - b.createdAt);
    const refunds: SmartpayRefund[] = [];
    for (const payment of payments) {
      for (const entry of payment.refunds ?? []) {
        refunds.push(
          typeof entry === 'string'
            ? refundSchema.parse(
                await this.client.send({ method: 'GET', path: `/refunds/${encodeURIComponent(entry)}`, secretKey }),
              )
            : entry,
        );
      }
    }
    return { order, payments, refunds };
  }

  /** GET /orders (newest first, §2 pagination): Smartpay's list has no date filter, so callers walk it back. */
  async page(secretKey: string, page: OrderPageRequest): Promise<ProviderOrderPage> {
    const query: Record<string, string> = { maxResults: String(Math.min(page.limit, MAX_PAGE)) };
    if (page.pageToken) query.pageToken = page.pageToken;
    const raw = await this.client.send({ method: 'GET', path: '/orders', secretKey, query });
    const collection = collectionSchema(orderSchema).parse(raw);
    return { orders: collection.data.map(orderSummary), nextPageToken: collection.nextPageToken ?? null };
  }
}
