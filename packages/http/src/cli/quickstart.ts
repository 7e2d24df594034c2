/** The copy-paste quickstart `pnpm start` prints. Kept as a function so a test can run exactly these commands. */
export interface QuickstartInput {
  apiUrl: string;
  token: string;
  keyFile: string;
  sandboxUrl: string | null;
}

export function createTransactionCurlBody(): Record<string, unknown> {
  const person = {
    first_name: 'Hanako',
    last_name: 'Yamada',
    email_address: 'hanako+test@example.jp',
    address: { line1: '1-2-3 Shibuya', city: 'Shibuya-ku', state: 'Tokyo', postal_code: '150-0002', country: 'JP' },
  };
  return {
    amount: 12000,
    currency: 'JPY',
    country: 'JP',
    intent: 'authorize',
    payment_method: { method: 'smartpay', redirect_url: 'https://example.jp/thanks', country: 'JP', currency: 'JPY' },
    buyer: { billing_details: person },
    shipping_details: person,
    cart_items: [{ name: 'Matcha set', quantity: 2, unit_amount: 6000 }],
  };
}

export function renderQuickstart(input: QuickstartInput): string {
  const auth = `-H "Authorization: Bearer $KESSAI_TOKEN"`;
  const json = `-H "Content-Type: application/json"`;
  const lines = [
    '',
    'Kessai is running.',
    `  API        ${input.apiUrl}`,
    `  API docs   ${input.apiUrl}/docs   (OpenAPI: ${input.apiUrl}/openapi.json)`,
    input.sandboxUrl
      ? `  Smartpay   local sandbox at ${input.sandboxUrl} (set SMARTPAY_API_BASE + SMARTPAY_SECRET_KEY for real Smartpay)`
      : '  Smartpay   real API',
    `  Key file   ${input.keyFile} (private key; mint tokens with: node packages/http/dist/cli.js token --key ${input.keyFile})`,
    '',
    '1. A bearer token for merchant "default", valid for an hour:',
    `   export KESSAI_TOKEN=${input.token}`,
    '',
    '2. Create a transaction (the answer has payment_method.approval_url):',
    `   curl -s -X POST ${input.apiUrl}/transactions ${auth} ${json} -H "Idempotency-Key: $(uuidgen || date +%s)" \\`,
    `     -d '${JSON.stringify(createTransactionCurlBody())}'`,
    '',
    '3. Open payment_method.approval_url in a browser and click Approve (the buyer, on Smartpay’s page).',
    '   Smartpay’s webhook moves the transaction to authorization_succeeded:',
    `   curl -s ${input.apiUrl}/transactions/<id> ${auth}`,
    '',
    '4. Capture part of it, then refund some:',
    `   curl -s -X POST ${input.apiUrl}/transactions/<id>/capture ${auth} ${json} -d '{"amount":5000,"final":false}'`,
    `   curl -s -X POST ${input.apiUrl}/transactions/<id>/refunds ${auth} ${json} -d '{"amount":2000,"reason":"requested_by_customer"}'`,
    '',
    'Ctrl-C stops everything.',
    '',
  ];
  return lines.join('\n');
}
