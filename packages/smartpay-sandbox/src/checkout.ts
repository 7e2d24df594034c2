import { amountMismatch } from './amount';
import type { SandboxCore } from './core';
import { invalidRequest } from './errors';
import type { CheckoutSession, LineItem, Order } from './model';
import type { Partition } from './store';
import type { CheckoutSessionCreate } from './validation';

/** POST /checkout-sessions: a session plus its order in `requires_authorization` (§3.1, §3.2). */
export function createCheckoutSession(
  core: SandboxCore,
  partition: Partition,
  input: CheckoutSessionCreate,
): { session: CheckoutSession; order: Order } {
  if (core.options.strictAmountCheck) {
    const mismatch = amountMismatch(input.amount, input.items, input.shippingInfo.feeAmount ?? 0);
    if (mismatch) throw invalidRequest([mismatch]);
  }
  const now = core.now();
  const { mode, test } = partition;
  const lineItems = input.items.map((item): LineItem => {
    const stamp = { test, createdAt: now, updatedAt: now };
    return {
      id: core.ids.next('li', mode),
      object: 'lineItem',
      ...stamp,
      kind: item.kind,
      quantity: item.quantity ?? 1,
      description: item.description,
      label: item.label,
      reference: item.reference,
      metadata: item.metadata ?? {},
      price: {
        id: core.ids.next('price', mode),
        object: 'price',
        ...stamp,
        active: true,
        amount: item.amount,
        currency: item.currency,
        description: item.priceDescription,
        metadata: item.priceMetadata ?? {},
        product: {
          id: core.ids.next('product', mode),
          object: 'product',
          ...stamp,
          active: true,
          name: item.name,
          description: item.productDescription,
          brand: item.brand,
          categories: item.categories ?? [],
          gtin: item.gtin,
          images: item.images ?? [],
          url: item.url,
          metadata: item.productMetadata ?? {},
        },
      },
    };
  });
  const order: Order = {
    id: core.ids.next('order', mode),
    object: 'order',
    test,
    createdAt: now,
    updatedAt: now,
    status: 'requires_authorization',
    amount: input.amount,
    currency: input.currency,
    captureMethod: input.captureMethod,
    description: input.description,
    reference: input.reference,
    lineItems: lineItems.map((li) => li.id),
    payments: [],
    discounts: [],
    shippingInfo: input.shippingInfo,
    metadata: input.metadata ?? {},
  };
  const sessionId = core.ids.next('checkout', mode);
  const session: CheckoutSession = {
    id: sessionId,
    object: 'checkoutSession',
    test,
    createdAt: now,
    updatedAt: now,
    expiresAt: now + core.options.checkoutSessionTtlMs,
    customerInfo: input.customerInfo,
    locale: input.locale,
    reference: input.reference,
    description: input.description,
    metadata: input.metadata ?? {},
    successUrl: input.successUrl,
    cancelUrl: input.cancelUrl,
    url: `${core.options.publicBaseUrl}/checkout/${sessionId}`,
    order: order.id,
  };
  for (const lineItem of lineItems) partition.lineItems.add(lineItem);
  partition.orders.add(order);
  partition.checkoutSessions.add(session);
  core.store.index(session.id, partition);
  core.store.index(order.id, partition);
  return { session, order };
}
