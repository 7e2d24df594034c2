import { createPrivateKey } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Gr4vy, getEmbedToken, withToken } from '@gr4vy/sdk';
import type { CartItem, CheckoutSessionCreate } from '@gr4vy/sdk/models/components';
import { EMBED_SCRIPT_PATH } from '@kessai/api';
import type { JWK } from 'jose';

/**
 * The demo shop of `pnpm start` (`/dev/shop`, on an origin of its own): a merchant's site as a Gr4vy merchant writes
 * it. Its server makes the checkout session and mints the embed token with the merchant's key through the
 * unchanged `@gr4vy/sdk`; its checkout page loads the embed from the Kessai API; its order endpoint checks the
 * transaction with the merchant's key before confirming. Dev stack only.
 */
export interface DevShop {
  /** `http://localhost:<port>`: another origin than the API's `http://127.0.0.1:<port>`. */
  origin: string;
  url: string;
  stop(): Promise<void>;
}

export interface DevShopOptions {
  apiUrl: string;
  privateJwk: JWK;
  port: number;
  merchantAccountId?: string;
}

type Lang = 'ja' | 'en';

const CART: CartItem[] = [
  { name: 'Matcha set', quantity: 2, unitAmount: 5000, sku: 'MATCHA-2', productType: 'physical' },
  { name: 'Shipping', quantity: 1, unitAmount: 1000, productType: 'shipping_fee' },
];
const TOTAL = CART.reduce((sum, item) => sum + item.quantity * item.unitAmount, 0);
const BUYER = {
  firstName: 'Hanako',
  lastName: 'Yamada',
  emailAddress: 'hanako+shop@example.jp',
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

const TEXT = {
  ja: {
    shop: 'Kessai デモショップ',
    cart: 'カート',
    item: '商品',
    quantity: '数量',
    price: '金額',
    total: '合計',
    shipTo: '配送先',
    noShipping: '配送先なしで購入（Smartpay は表示されません）',
    checkout: 'レジに進む',
    pay: 'お支払い',
    placeOrder: '注文を確定する',
    confirmed: 'ご注文ありがとうございます',
    notPaid: 'お支払いが確認できませんでした',
    back: 'ショップに戻る',
    other: 'English',
  },
  en: {
    shop: 'Kessai demo shop',
    cart: 'Cart',
    item: 'Item',
    quantity: 'Qty',
    price: 'Price',
    total: 'Total',
    shipTo: 'Ship to',
    noShipping: 'Buy without a shipping address (Smartpay is not offered)',
    checkout: 'Go to checkout',
    pay: 'Payment',
    placeOrder: 'Place order',
    confirmed: 'Thank you for your order',
    notPaid: 'The payment could not be confirmed',
    back: 'Back to the shop',
    other: '日本語',
  },
} as const;

export async function startDevShop(options: DevShopOptions): Promise<DevShop> {
  const privateKey = createPrivateKey({ key: options.privateJwk as never, format: 'jwk' })
    .export({ format: 'pem', type: 'pkcs8' })
    .toString();
  const merchantAccountId = options.merchantAccountId ?? 'default';
  const gr4vy = new Gr4vy({ serverURL: options.apiUrl, merchantAccountId, bearerAuth: withToken({ privateKey }) });
  let origin = '';

  const routes: Record<string, (request: IncomingMessage, url: URL) => Promise<Page>> = {
    'GET /dev/shop': async (_request, url) => cartPage(langOf(url)),
    'POST /dev/shop/checkout': async (request, url) => {
      const form = await formOf(request);
      const lang = langOf(url, form.get('lang'));
      const session = await gr4vy.checkoutSessions.create(sessionFor(form.get('shipping') !== 'none'));
      return { redirect: `/dev/shop/checkout?session=${encodeURIComponent(session.id)}&lang=${lang}` };
    },
    'GET /dev/shop/checkout': async (_request, url) => {
      const lang = langOf(url);
      const session = await gr4vy.checkoutSessions.get(url.searchParams.get('session') ?? '');
      const token = await getEmbedToken({
        privateKey,
        checkoutSessionId: session.id,
        embedParams: { amount: session.amount ?? TOTAL, currency: 'JPY', cartItems: session.cartItems ?? CART },
      });
      return checkoutPage(lang, options.apiUrl, token, session.id, session.amount ?? TOTAL);
    },
    'POST /dev/shop/order': async (request, url) => {
      const form = await formOf(request);
      const lang = langOf(url, form.get('lang'));
      // The merchant's server trusts the transaction it reads with its own key, not the form's status field.
      const id = form.get('gr4vy_transaction_id') ?? '';
      const transaction = id ? await gr4vy.transactions.get(id).catch(() => null) : null;
      return orderPage(
        lang,
        transaction && { id: transaction.id, status: transaction.status, amount: transaction.amount },
      );
    },
  };

  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', origin || 'http://localhost');
    const route = routes[`${request.method} ${url.pathname.replace(/\/$/, '') || '/'}`];
    if (!route) return send(response, 404, { html: page('en', 'Not found', '<h1>Not found</h1>') });
    route(request, url).then(
      (answer) => send(response, 200, answer),
      (error: unknown) =>
        send(response, 500, {
          html: page(
            'en',
            'Error',
            `<h1>The shop failed</h1><pre>${html(String((error as Error)?.message ?? error))}</pre>`,
          ),
        }),
    );
  });
  await new Promise<void>((resolve) => server.listen(options.port, '127.0.0.1', resolve));
  origin = `http://localhost:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    url: `${origin}/dev/shop`,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

type Page = { html: string } | { redirect: string };

function send(response: ServerResponse, status: number, answer: Page): void {
  if ('redirect' in answer) {
    response.writeHead(303, { location: answer.redirect, 'cache-control': 'no-store' });
    response.end();
    return;
  }
  response.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
  response.end(answer.html);
}

function sessionFor(withShipping: boolean): CheckoutSessionCreate {
  return {
    amount: TOTAL,
    currency: 'JPY',
    cartItems: CART,
    metadata: { shop: 'kessai-demo' },
    buyer: withShipping ? { billingDetails: BUYER, shippingDetails: BUYER } : { billingDetails: BUYER },
    expiresIn: 3600,
  };
}

function cartPage(lang: Lang): Page {
  const t = TEXT[lang];
  const rows = CART.map(
    (item) =>
      `<tr><td>${html(item.name)}</td><td>${item.quantity}</td><td>${yen(item.quantity * item.unitAmount, lang)}</td></tr>`,
  ).join('');
  const address = `${BUYER.lastName} ${BUYER.firstName}, ${BUYER.address.postalCode} ${BUYER.address.state} ${BUYER.address.city} ${BUYER.address.line1}`;
  return {
    html: page(
      lang,
      t.cart,
      `<h1>${t.cart}</h1>
<table><caption>${t.cart}</caption><thead><tr><th scope="col">${t.item}</th><th scope="col">${t.quantity}</th><th scope="col">${t.price}</th></tr></thead>
<tbody>${rows}</tbody><tfoot><tr><th scope="row" colspan="2">${t.total}</th><td>${yen(TOTAL, lang)}</td></tr></tfoot></table>
<p>${t.shipTo}: ${html(address)}</p>
<form method="post" action="/dev/shop/checkout?lang=${lang}">
<p><input type="checkbox" id="shipping" name="shipping" value="none"> <label for="shipping">${t.noShipping}</label></p>
<button type="submit">${t.checkout}</button></form>`,
    ),
  };
}

function checkoutPage(lang: Lang, apiUrl: string, token: string, sessionId: string, amount: number): Page {
  const t = TEXT[lang];
  const setup = {
    apiHost: apiUrl,
    token,
    amount,
    currency: 'JPY',
    country: 'JP',
    element: '#payment',
    form: '#order',
    locale: lang,
  };
  return {
    html: page(
      lang,
      t.pay,
      `<h1>${t.pay}</h1>
<p>${t.total}: <strong>${yen(amount, lang)}</strong></p>
<div id="payment"></div>
<form id="order" method="post" action="/dev/shop/order?lang=${lang}">
<input type="hidden" name="session" value="${html(sessionId)}">
<button type="submit" id="place-order" disabled>${t.placeOrder}</button></form>
<script src="${html(apiUrl + EMBED_SCRIPT_PATH)}"></script>
<script>
Kessai.setup(Object.assign(${JSON.stringify(setup).replace(/</g, '\\u003c')}, {
  onEvent: function (name, data) {
    document.body.dataset.lastEvent = name;
    if (name === 'transactionCreated') document.getElementById('place-order').disabled = false;
  }
}));
</script>`,
    ),
  };
}

function orderPage(lang: Lang, transaction: { id: string; status: string; amount: number } | null): Page {
  const t = TEXT[lang];
  const paid = transaction?.status === 'authorization_succeeded' && transaction.amount === TOTAL;
  return {
    html: page(
      lang,
      paid ? t.confirmed : t.notPaid,
      `<h1>${paid ? t.confirmed : t.notPaid}</h1>
<dl><dt>transaction_id</dt><dd id="transaction-id">${html(transaction?.id ?? '-')}</dd>
<dt>transaction_status</dt><dd id="transaction-status">${html(transaction?.status ?? '-')}</dd></dl>
<p><a href="/dev/shop?lang=${lang}">${t.back}</a></p>`,
    ),
  };
}

function page(lang: Lang, title: string, body: string): string {
  const t = TEXT[lang];
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${html(title)} · ${t.shop}</title>
<style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a}
table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:.25rem .5rem;border-bottom:1px solid #ccc}
button{font:inherit;padding:.5rem 1rem}</style></head>
<body><header><p><strong>${t.shop}</strong> · <a href="/dev/shop?lang=${lang === 'ja' ? 'en' : 'ja'}" lang="${lang === 'ja' ? 'en' : 'ja'}">${t.other}</a></p></header>
<main>${body}</main></body></html>`;
}

function langOf(url: URL, given?: string | null): Lang {
  return (given ?? url.searchParams.get('lang')) === 'en' ? 'en' : 'ja';
}

function yen(amount: number, lang: Lang): string {
  return new Intl.NumberFormat(lang === 'ja' ? 'ja-JP' : 'en-US', { style: 'currency', currency: 'JPY' }).format(
    amount,
  );
}

function html(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

async function formOf(request: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > 16_384) throw new Error('form too large');
    chunks.push(chunk as Buffer);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}
