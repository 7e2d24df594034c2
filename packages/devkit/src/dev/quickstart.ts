/**
 * The copy-paste quickstart `pnpm start` prints: plain POSIX sh (no uuidgen, no placeholders; ids go through shell
 * variables, JSON is read with node), and a redirect to this API's own "thanks" page, so it works offline.
 * A test runs exactly these lines under `sh`.
 */
export interface QuickstartInput {
  apiUrl: string;
  token: string;
  keyFile: string;
  dataDir: string;
  sandboxUrl: string | null;
  /** DATABASE_URL's database instead of the embedded one under dataDir, which a reset does not touch. */
  externalDatabase?: boolean;
  /** Where the dashboard is and who signs in to it (the dev admin first). */
  dashboard?: { url: string; users: Array<{ email: string; password: string; role: string; current: boolean }> };
  /** The demo shop with the embed on its checkout page. */
  shopUrl?: string;
}

export function createTransactionCurlBody(apiUrl: string): Record<string, unknown> {
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
    payment_method: { method: 'smartpay', redirect_url: `${apiUrl}/dev/thanks`, country: 'JP', currency: 'JPY' },
    buyer: { billing_details: person },
    shipping_details: person,
    cart_items: [{ name: 'Matcha set', quantity: 2, unit_amount: 6000 }],
  };
}

/** The commands alone, one per line (what the test runs under sh). */
export function quickstartCommands(input: Pick<QuickstartInput, 'apiUrl' | 'token'>): string[] {
  const api = input.apiUrl;
  const auth = `-H "Authorization: Bearer $KESSAI_TOKEN"`;
  const json = `-H "Content-Type: application/json"`;
  const field = (path: string) => `node -pe 'JSON.parse(require("fs").readFileSync(0, "utf8")).${path}'`;
  return [
    `export KESSAI_TOKEN=${input.token}`,
    `TX=$(curl -s -X POST ${api}/transactions ${auth} ${json} -d '${JSON.stringify(createTransactionCurlBody(api))}')`,
    `TX_ID=$(echo "$TX" | ${field('id')}); APPROVAL_URL=$(echo "$TX" | ${field('payment_method.approval_url')}); echo "$TX_ID $APPROVAL_URL"`,
    `curl -s -w '\\n' -L -d "" "$APPROVAL_URL/approve"`,
    `curl -s -w '\\n' ${api}/transactions/$TX_ID ${auth}`,
    `curl -s -w '\\n' -X POST ${api}/transactions/$TX_ID/capture ${auth} ${json} -d '{"amount":5000,"final":false}'`,
    `curl -s -w '\\n' -X POST ${api}/transactions/$TX_ID/refunds ${auth} ${json} -d '{"amount":2000,"reason":"requested_by_customer"}'`,
  ];
}

export function renderQuickstart(input: QuickstartInput): string {
  const [token, create, ids, approve, get, capture, refund] = quickstartCommands(input) as [
    string,
    string,
    string,
    string,
    string,
    string,
    string,
  ];
  const lines = [
    '',
    'Kessai is running.',
    `  API        ${input.apiUrl}`,
    `  API docs   ${input.apiUrl}/docs   (OpenAPI: ${input.apiUrl}/openapi.json)`,
    input.sandboxUrl
      ? `  Smartpay   local sandbox at ${input.sandboxUrl} (set SMARTPAY_API_BASE + SMARTPAY_SECRET_KEY for real Smartpay)`
      : '  Smartpay   real API',
    input.externalDatabase
      ? `  Data       ${input.dataDir} (sandbox state, keys); the database is DATABASE_URL's, which no reset wipes`
      : `  Data       ${input.dataDir} (database, sandbox state, keys; wipe with: pnpm start -- --reset)`,
    `  Key file   ${input.keyFile} (mint tokens: node packages/server/dist/cli.js token --key ${input.keyFile})`,
    ...dashboardLines(input.dashboard),
    ...(input.shopUrl ? [`  Demo shop  ${input.shopUrl}   (the embed on another origin; ?lang=en for English)`] : []),
    '',
    '1. A bearer token for merchant "default", valid for an hour:',
    `   ${token}`,
    '',
    '2. Create a transaction and keep its id and approval URL:',
    `   ${create}`,
    `   ${ids}`,
    '',
    '3. Open $APPROVAL_URL in a browser and click Approve (the buyer, on Smartpay’s page); or from here:',
    `   ${approve}`,
    '   The buyer lands on the redirect_url with the real transaction_status; the transaction is authorized:',
    `   ${get}`,
    '',
    '4. Capture part of it, then refund some:',
    `   ${capture}`,
    `   ${refund}`,
    '',
    'Ctrl-C stops everything.',
    '',
  ];
  return lines.join('\n');
}

function dashboardLines(dashboard: QuickstartInput['dashboard']): string[] {
  if (!dashboard) return [];
  return [
    `  Dashboard  ${dashboard.url}`,
    ...dashboard.users.map((user) =>
      user.current
        ? `             ${user.role.padEnd(6)} ${user.email}  password ${user.password}`
        : `             ${user.role.padEnd(6)} ${user.email}  (password changed since; set one: node packages/server/dist/cli.js users set-password --email ${user.email})`,
    ),
  ];
}
