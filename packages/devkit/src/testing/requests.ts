/** A valid Gr4vy-style create-transaction body for Smartpay (every field Smartpay requires). */
export function createTransactionBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const person = {
    first_name: 'Hanako',
    last_name: 'Yamada',
    email_address: 'hanako+test@example.jp',
    phone_number: '+819012345678',
    address: { line1: '1-2-3 Shibuya', city: 'Shibuya-ku', state: 'Tokyo', postal_code: '150-0002', country: 'JP' },
  };
  return {
    amount: 12_000,
    currency: 'JPY',
    country: 'JP',
    intent: 'authorize',
    payment_method: {
      method: 'smartpay',
      redirect_url: 'https://shop.example.jp/return',
      country: 'JP',
      currency: 'JPY',
    },
    buyer: { billing_details: person },
    shipping_details: person,
    cart_items: [
      { name: 'Matcha set', quantity: 2, unit_amount: 5000, tax_amount: 1000 },
      { name: 'Shipping', quantity: 1, unit_amount: 1000, product_type: 'shipping_fee' },
    ],
    external_identifier: 'order-1001',
    metadata: { shop: 'tokyo' },
    ...overrides,
  };
}
