import { type BuyerDecision, decide, openSession } from './buyer';
import type { SandboxCore } from './core';
import { ApiError } from './errors';
import { type HttpResponse, htmlResponse, seeOther } from './http/io';
import { Router } from './http/router';
import type { CheckoutSession, LineItem, Order } from './model';
import type { Partition } from './store';

type PageHandler = (core: SandboxCore, id: string, form: URLSearchParams) => HttpResponse;

const router = new Router<PageHandler>()
  .add('GET', '/checkout/:id', showSession)
  .add('POST', '/checkout/:id/approve', (core, id) => act(core, id, 'approve'))
  // The page offers both declines: a hard one (order rejected) and a soft one (the buyer may retry).
  .add('POST', '/checkout/:id/decline', (core, id, form) =>
    act(core, id, form.get('kind') === 'soft' ? 'soft-decline' : 'hard-decline'),
  )
  .add('POST', '/checkout/:id/cancel', (core, id) => act(core, id, 'cancel'));

/** The buyer's side (§3.2): a page at the session `url` whose buttons decide and redirect with 303. */
export function handleHostedPage(
  core: SandboxCore,
  method: string,
  path: string,
  rawBody: Buffer,
): HttpResponse | undefined {
  const route = router.find(method, path);
  if (!route) return undefined;
  if (route.kind === 'method-not-allowed')
    return htmlResponse(405, page('Method not allowed', '<p>Use the buttons.</p>'));
  try {
    return route.handler(core, route.params.id ?? '', new URLSearchParams(rawBody.toString('utf8')));
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    return htmlResponse(error.statusCode, errorPage(error));
  }
}

function act(core: SandboxCore, id: string, decision: BuyerDecision): HttpResponse {
  return seeOther(decide(core, id, decision).redirectUrl);
}

function showSession(core: SandboxCore, id: string): HttpResponse {
  const { partition, session, order } = openSession(core, id, false);
  if (order.status !== 'requires_authorization') {
    return htmlResponse(
      409,
      page('Checkout already completed', `<p>This checkout is finished: the order is <b>${esc(order.status)}</b>.</p>`),
    );
  }
  return htmlResponse(200, page('Smartpay sandbox checkout', sessionBody(partition, session, order)));
}

function sessionBody(partition: Partition, session: CheckoutSession, order: Order): string {
  const rows = order.lineItems
    .map((id) => partition.lineItems.get(id))
    .filter((li): li is LineItem => li !== undefined)
    .map(itemRow)
    .join('');
  const fee = order.shippingInfo.feeAmount ?? 0;
  const action = (name: string) => `/checkout/${encodeURIComponent(session.id)}/${name}`;
  return `
<p class="merchant">Merchant reference: <b>${esc(order.reference ?? '(none)')}</b>${
    order.description ? ` — ${esc(order.description)}` : ''
  }</p>
<table>
  <thead><tr><th>Item</th><th>Qty</th><th>Unit</th><th>Amount</th></tr></thead>
  <tbody>${rows}${fee ? `<tr><td>Shipping</td><td></td><td></td><td>${yen(fee)}</td></tr>` : ''}</tbody>
  <tfoot><tr><th colspan="3">Total</th><th class="total">${yen(order.amount)}</th></tr></tfoot>
</table>
<p class="mode">${session.test ? 'Test mode' : 'Live mode'} · ${
    order.captureMethod
  } capture · expires ${new Date(session.expiresAt).toISOString()}</p>
<div class="actions">
  <form method="post" action="${action('approve')}"><button class="approve" type="submit">Approve</button></form>
  <form method="post" action="${action('decline')}"><button type="submit">Decline</button></form>
  <form method="post" action="${action('decline')}"><input type="hidden" name="kind" value="soft">
    <button type="submit">Decline (soft: buyer may retry)</button></form>
  <form method="post" action="${action('cancel')}"><button type="submit">Cancel</button></form>
</div>`;
}

function itemRow(item: LineItem): string {
  const sign = item.kind === 'discount' ? '−' : '';
  const label = item.kind === 'product' ? '' : ` <small>(${item.kind})</small>`;
  return `<tr><td>${esc(item.price.product.name)}${label}</td><td>${item.quantity}</td><td>${yen(item.price.amount)}</td><td>${sign}${yen(item.price.amount * item.quantity)}</td></tr>`;
}

function errorPage(error: ApiError): string {
  const titles: Record<number, string> = {
    404: 'Checkout not found',
    409: 'Checkout already completed',
    410: 'This checkout has expired',
  };
  const title = titles[error.statusCode] ?? 'Checkout error';
  return page(title, `<p>${esc(error.message)}</p><p><small>${esc(error.errorCode)}</small></p>`);
}

const yen = (amount: number): string => `¥${String(amount).replace(/\B(?=(\d{3})+(?!\d))/g, ',')}`;

function esc(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem}
table{width:100%;border-collapse:collapse}td,th{padding:.3rem;border-bottom:1px solid #ddd;text-align:left}
.actions{display:flex;gap:.5rem;flex-wrap:wrap}.approve{font-weight:bold}.total{font-size:1.3rem}</style>
</head><body><h1>${esc(title)}</h1>${body}</body></html>`;
}
