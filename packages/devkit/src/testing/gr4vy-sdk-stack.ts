import type { Gr4vy } from '@gr4vy/sdk';
import type { Transaction, TransactionCreate } from '@gr4vy/sdk/models/components';
import { buyerClicks } from './buyer-clicks';
import { eventually } from './eventually';
import { gr4vyClient } from './gr4vy-client';
import { e2eStorages, type KessaiWithSandbox, startKessai, type TestStorage } from './start-kessai';

export const storages = e2eStorages(['postgres', 'memory', 'pgbouncer']);

export const person = {
  firstName: 'Hanako',
  lastName: 'Yamada',
  emailAddress: 'Hanako.SDK@example.jp',
  phoneNumber: '+819012345678',
  address: {
    line1: '1-2-3 Shibuya',
    city: 'Shibuya-ku',
    state: 'Tokyo',
    stateCode: 'JP-13',
    postalCode: '150-0002',
    country: 'JP',
  },
};

export interface SdkStack {
  stack: KessaiWithSandbox;
  gr4vy: Gr4vy;
  /** A create request as a Gr4vy user writes it for Smartpay (buyer, shipping, cart, references). */
  order(overrides?: Partial<TransactionCreate>): TransactionCreate;
  /** Created through the SDK, approved by the buyer on the hosted page, polled until authorized. */
  authorized(overrides?: Partial<TransactionCreate>): Promise<Transaction>;
}

/** The real stack (sandbox, API, connection) for one storage, with the official SDK pointed at it. */
export function useSdkStack(storage: TestStorage): SdkStack {
  const ctx = {} as SdkStack;
  beforeAll(async () => {
    ctx.stack = await startKessai({
      storage,
      sandbox: { checkoutSessionTtlMs: 30 * 60_000 },
    });
    ctx.gr4vy = gr4vyClient(ctx.stack);
  }, 60_000);
  afterAll(async () => {
    await ctx.stack?.close();
  });
  ctx.order = (overrides: Partial<TransactionCreate> = {}): TransactionCreate =>
    sdkOrder({
      externalIdentifier: `sdk-${storage}-${Math.random().toString(36).slice(2)}`,
      paymentServiceId: ctx.stack.paymentServiceId,
      ...overrides,
    });

  ctx.authorized = async (overrides: Partial<TransactionCreate> = {}): Promise<Transaction> => {
    const created = await ctx.gr4vy.transactions.create(ctx.order(overrides));
    expect(created).toMatchObject({ status: 'buyer_approval_pending', settled: false, giftCardRedemptions: [] });
    await buyerClicks(created.paymentMethod?.approvalUrl ?? '', 'approve');
    return eventually(
      () => ctx.gr4vy.transactions.get(created.id),
      (tx) => tx.status === 'authorization_succeeded',
    );
  };
  return ctx;
}

/** A create request as a Gr4vy user writes it for Smartpay: buyer, shipping, cart, references. */
export function sdkOrder(overrides: Partial<TransactionCreate> = {}): TransactionCreate {
  return {
    amount: 12_000,
    currency: 'JPY',
    country: 'JP',
    intent: 'authorize',
    paymentMethod: {
      method: 'smartpay',
      redirectUrl: 'https://shop.example.jp/return',
      externalIdentifier: 'wallet-1',
      country: 'JP',
      currency: 'JPY',
    },
    buyer: {
      displayName: 'Hanako Yamada',
      billingDetails: person,
      shippingDetails: person,
    },
    cartItems: [
      {
        name: 'Matcha set',
        quantity: 2,
        unitAmount: 5000,
        taxAmount: 1000,
        sku: 'MATCHA-2',
        productType: 'physical',
        description: 'Uji matcha, 2 tins',
        productUrl: 'https://shop.example.jp/matcha',
        categories: ['tea'],
      },
      { name: 'Shipping', quantity: 1, unitAmount: 1000, productType: 'shipping_fee' },
    ],
    metadata: { shop: 'tokyo' },
    ...overrides,
  };
}
