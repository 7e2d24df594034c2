/**
 * A valid example for every request body, so the docs' "Try it out" works on the first click (generated examples
 * from the schemas alone are invalid: currency "XTT", country "DO", amounts of -9007199254740991).
 * Kept apart from the schemas; a test sends each one to the API.
 */
const buyer = {
  first_name: 'Hanako',
  last_name: 'Yamada',
  email_address: 'hanako+test@example.jp',
  phone_number: '+819012345678',
  address: { line1: '1-2-3 Shibuya', city: 'Shibuya-ku', state: 'Tokyo', postal_code: '150-0002', country: 'JP' },
};

export const REQUEST_EXAMPLES: Record<string, unknown> = {
  'POST /transactions': {
    amount: 12000,
    currency: 'JPY',
    country: 'JP',
    intent: 'authorize',
    payment_method: {
      method: 'smartpay',
      redirect_url: 'https://shop.example.jp/thanks',
      country: 'JP',
      currency: 'JPY',
    },
    buyer: { billing_details: buyer },
    shipping_details: buyer,
    cart_items: [{ name: 'Matcha set', quantity: 2, unit_amount: 6000 }],
    external_identifier: 'order-1001',
  },
  'POST /transactions/{transaction_id}/capture': { amount: 5000, final: false },
  'POST /transactions/{transaction_id}/void': {},
  'POST /transactions/{transaction_id}/cancel': {},
  'POST /transactions/{transaction_id}/sync': {},
  'POST /transactions/{transaction_id}/refunds': { amount: 2000, reason: 'requested_by_customer' },
  'POST /transactions/{transaction_id}/refunds/all': { reason: 'requested_by_customer' },
  'PUT /transactions/{transaction_id}': { external_identifier: 'order-1001-b', metadata: { shop: 'osaka' } },
  'POST /payment-services': { secret_key: 'sk_test_kessaiLocalSandbox', display_name: 'Smartpay' },
  'PUT /payment-services/{payment_service_id}': { display_name: 'Smartpay (Tokyo shop)' },
  'POST /payment-services/verify': {
    payment_service_definition_id: 'smartpay-smartpay',
    fields: [{ key: 'secret_key', value: 'sk_test_kessaiLocalSandbox' }],
  },
  'POST /buyers': { display_name: 'Hanako Yamada', external_identifier: 'customer-42', billing_details: buyer },
  'PUT /buyers/{buyer_id}': { display_name: 'Hanako Yamada (VIP)' },
  'POST /buyers/{buyer_id}/shipping-details': buyer,
  'PUT /buyers/{buyer_id}/shipping-details/{shipping_details_id}': { phone_number: '+819012345679' },
  'POST /checkout/sessions': {
    amount: 12000,
    currency: 'JPY',
    cart_items: [{ name: 'Matcha set', quantity: 2, unit_amount: 6000 }],
    metadata: { order: 'order-1001' },
    buyer: { display_name: 'Hanako Yamada', billing_details: buyer, shipping_details: buyer },
    expires_in: 3600,
  },
  'PUT /checkout/sessions/{session_id}': {
    amount: 6000,
    currency: 'JPY',
    cart_items: [{ name: 'Matcha set', quantity: 1, unit_amount: 6000 }],
    buyer: { display_name: 'Hanako Yamada', billing_details: buyer, shipping_details: buyer },
  },
  'POST /payment-options': { amount: 12000, currency: 'JPY', country: 'JP', locale: 'ja', shipping_details: buyer },
  'PUT /embed-origins': { origins: ['https://shop.example.jp', 'http://localhost:8080'] },
  'POST /api-keys': { name: 'Shop backend', scopes: ['transactions.read', 'transactions.write'] },
  'PATCH /api-keys/{api_key_id}': { name: 'Shop backend (Tokyo)' },
  'POST /dashboard/api/team': { email: 'ops@shop.example.jp', role: 'viewer' },
  'PATCH /dashboard/api/team/{user_id}': { role: 'admin' },
  'POST /dashboard/api/session': { email: 'admin@kessai.local', password: 'the password pnpm start printed' },
  'POST /dashboard/api/session/password': {
    current_password: 'the one-time password the admin was shown',
    new_password: 'a passphrase of my own',
  },
  // A receiver on this machine: accepted by `pnpm start` (private targets allowed in dev) and needs no DNS.
  'POST /webhook-subscriptions': { url: 'http://127.0.0.1:4242/kessai-webhooks', active: true },
  'PUT /webhook-subscriptions/{webhook_subscription_id}': { active: false },
  'POST /webhook-subscriptions/{webhook_subscription_id}/rotate-secret': {},
  'POST /webhook-subscriptions/{webhook_subscription_id}/test': {},
  'POST /webhook-subscriptions/{webhook_subscription_id}/deliveries/{delivery_id}/redeliver': {},
  'POST /reconciliation-runs': { payment_service_id: '0f8fad5b-d9cb-469f-a165-70867728950e', date: '2026-03-01' },
  'POST /reconciliation-runs/{run_id}/items/{item_id}/acknowledge': {
    note: 'Refunded by bank transfer; booked by hand',
  },
  // Smartpay calls this one, signed; the example shows the shape of what it sends.
  'POST /webhooks/smartpay/{payment_service_id}': JSON.stringify({
    id: 'evt_test_1a2b3c4d5e6f7g8h9i0j1k',
    object: 'event',
    createdAt: 1_767_225_600_000,
    test: true,
    eventData: { type: 'order.authorized', version: '2022-02-18', data: { id: 'order_test_1a2b3c4d5e6f7g8h9i0j1k' } },
  }),
};

interface OpenApiDocument {
  paths?: Record<string, Record<string, { requestBody?: { content?: Record<string, { example?: unknown }> } }>>;
}

/** Puts each known example on its operation's JSON request body. */
export function withRequestExamples<T>(document: T): T {
  const paths = (document as OpenApiDocument).paths ?? {};
  for (const [path, operations] of Object.entries(paths)) {
    for (const [method, operation] of Object.entries(operations)) {
      const example = REQUEST_EXAMPLES[`${method.toUpperCase()} ${path}`];
      const json = operation.requestBody?.content?.['application/json'];
      if (json && example !== undefined) json.example = example;
    }
  }
  return document;
}

/**
 * zod writes `.int()` as ±(2^53 − 1) bounds, which the docs then show as sample amounts (-9007199254740991):
 * they say nothing JSON integers do not already say, so they go.
 */
export function withoutSafeIntegerBounds<T>(node: T): T {
  if (Array.isArray(node)) for (const item of node) withoutSafeIntegerBounds(item);
  else if (node && typeof node === 'object') {
    const record = node as Record<string, unknown>;
    if (record.minimum === Number.MIN_SAFE_INTEGER) delete record.minimum;
    if (record.maximum === Number.MAX_SAFE_INTEGER) delete record.maximum;
    for (const value of Object.values(record)) withoutSafeIntegerBounds(value);
  }
  return node;
}
