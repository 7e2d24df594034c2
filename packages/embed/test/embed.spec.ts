/** @jest-environment jsdom */
import type { PageEnvironment } from '../src/checkout';
import { setup } from '../src/index';
import type { SetupOptions } from '../src/options';
import { type DoubleState, embedApiDouble } from './embed-api-double';

const SESSION = '7a1b0c2d-0000-4000-8000-000000000abc';
// An embed token's shape: the embed reads only its checkout_session_id claim (the API checks the signature).
const TOKEN = `eyJhbGciOiJFUzUxMiJ9.${btoa(JSON.stringify({ scopes: ['embed'], checkout_session_id: SESSION }))
  .replace(/=+$/, '')
  .replace(/\+/g, '-')
  .replace(/\//g, '_')}.c2lnbmF0dXJl`;
const SHOP = 'https://shop.example/checkout?session=s1';

interface Page extends PageEnvironment {
  visited: string[];
  replaced: string[];
}

function page(api: DoubleState, href = SHOP, storage: Map<string, string> = new Map()): Page {
  const visited: string[] = [];
  const replaced: string[] = [];
  return {
    location: { href },
    navigate: (url) => visited.push(url),
    replaceUrl: (url) => replaced.push(url),
    storage: {
      getItem: (key) => storage.get(key) ?? null,
      setItem: (key, value) => void storage.set(key, value),
      removeItem: (key) => void storage.delete(key),
    },
    fetcher: api.fetcher,
    visited,
    replaced,
  };
}

function shopPage(): { element: HTMLElement; form: HTMLFormElement } {
  document.body.innerHTML = '<div id="payment"></div><form id="order"><button>Place order</button></form>';
  return {
    element: document.getElementById('payment') as HTMLElement,
    form: document.getElementById('order') as HTMLFormElement,
  };
}

const events: Array<[string, unknown]> = [];
function options(locale: string, extra: Partial<SetupOptions> = {}): SetupOptions {
  const { element, form } = shopPage();
  return {
    apiHost: 'https://api.kessai.example',
    token: TOKEN,
    amount: 12_000,
    currency: 'JPY',
    country: 'JP',
    element,
    form,
    locale,
    redirectUrl: SHOP,
    onEvent: (name, data) => events.push([name, data]),
    ...extra,
  };
}

const payButton = () => document.querySelector<HTMLButtonElement>('.kessai-embed button') as HTMLButtonElement;
const status = () => document.querySelector('[role=status]') as HTMLElement;
const hidden = (name: string) =>
  document.querySelector<HTMLInputElement>(`#order input[type=hidden][name=${name}]`)?.value;
const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

beforeEach(() => {
  events.length = 0;
});

describe('Kessai.setup: the payment options', () => {
  it('shows Smartpay in a labelled radio group with a pay button, in Japanese', async () => {
    const api = embedApiDouble({ token: TOKEN, amount: 12_000, shipping: true });
    await setup(options('ja-JP'), page(api));
    const group = document.querySelector('fieldset') as HTMLFieldSetElement;
    expect(group.hidden).toBe(false);
    expect(group.querySelector('legend')?.textContent).toBe('お支払い方法');
    const radio = group.querySelector<HTMLInputElement>('input[type=radio]') as HTMLInputElement;
    expect(radio.checked).toBe(true);
    expect(document.querySelector(`label[for="${radio.id}"]`)?.textContent).toBe('Smartpay');
    expect(payButton().textContent).toBe('￥12,000 を支払う');
    expect(document.querySelector('.kessai-embed')?.getAttribute('lang')).toBe('ja');
    expect(status().getAttribute('aria-live')).toBe('polite');
    expect(events.map(([name]) => name)).toEqual(['optionsLoaded']);
  });

  it('speaks English when asked', async () => {
    const api = embedApiDouble({ token: TOKEN, amount: 12_000, shipping: true });
    await setup(options('en'), page(api));
    expect(document.querySelector('legend')?.textContent).toBe('Payment method');
    expect(payButton().textContent).toBe('Pay ¥12,000');
  });

  it('says why Smartpay is not offered (no shipping address) and offers no button', async () => {
    const api = embedApiDouble({ token: TOKEN, amount: 12_000, shipping: false });
    await setup(options('ja'), page(api));
    expect(document.querySelector('.kessai-unavailable')?.textContent).toBe(
      'Smartpay はご利用いただけません：お届け先の住所が必要です。',
    );
    expect(payButton().hidden).toBe(true);
    await setup(options('en'), page(api));
    expect(document.querySelector('.kessai-unavailable')?.textContent).toBe(
      'Smartpay is not available: it needs a shipping address.',
    );
  });

  it('shows the API’s refusal in the status line and raises apiError', async () => {
    const api = embedApiDouble({
      token: TOKEN,
      amount: 12_000,
      shipping: true,
      failWith: { status: 401, code: 'unauthorized', message: 'the token has expired' },
    });
    await setup(options('en'), page(api));
    expect(status().textContent).toContain('the token has expired');
    expect(document.activeElement).toBe(status());
    expect(events).toEqual([['apiError', { status: 401, code: 'unauthorized', message: 'the token has expired' }]]);
  });

  it('names the option a merchant got wrong', () => {
    const api = embedApiDouble({ token: TOKEN, amount: 12_000, shipping: true });
    expect(() => setup({ ...options('en'), form: '#nowhere' }, page(api))).toThrow('Kessai.setup: form');
    expect(() => setup({ ...options('en'), apiHost: 'api.example' }, page(api))).toThrow('Kessai.setup: apiHost');
    expect(() => setup({ ...options('en'), amount: 12.5 }, page(api))).toThrow('Kessai.setup: amount');
  });
});

describe('Kessai.setup: paying', () => {
  it('a double click creates one transaction and leaves for its approval page once, the button disabled', async () => {
    const api = embedApiDouble({ token: TOKEN, amount: 12_000, shipping: true });
    const shop = page(api);
    await setup(options('en'), shop);
    payButton().click();
    payButton().click();
    expect(payButton().disabled).toBe(true);
    await flush();
    expect(api.requests.filter((r) => r === 'POST /transactions')).toHaveLength(1);
    const [tx] = [...api.transactions.values()];
    expect(tx?.redirectUrl).toBe(SHOP);
    expect(shop.visited).toEqual([tx?.approvalUrl]);
    expect(payButton().disabled).toBe(true);
    expect(events.map(([name]) => name)).toEqual(['optionsLoaded', 'paymentMethodSelected', 'approvalStarted']);
  });

  it('a create that met another in flight for the session is read again until it has its approval URL', async () => {
    const api = embedApiDouble({ token: TOKEN, amount: 12_000, shipping: true, processingReads: 1 });
    const shop = page(api);
    await setup(options('en'), shop);
    payButton().click();
    await new Promise((resolve) => setTimeout(resolve, 1200));
    const [tx] = [...api.transactions.values()];
    expect(api.requests.filter((r) => r.startsWith('GET /transactions/'))).toHaveLength(2);
    expect(shop.visited).toEqual([tx?.approvalUrl]);
    expect(hidden('gr4vy_transaction_status')).toBeUndefined();
  });

  it('back from the approval page (from the cache), or in a new tab, a second Pay leads to the same transaction', async () => {
    const api = embedApiDouble({ token: TOKEN, amount: 12_000, shipping: true });
    const first = page(api);
    await setup(options('en'), first);
    payButton().click();
    await flush();
    window.dispatchEvent(Object.assign(new Event('pageshow'), { persisted: true }));
    expect(payButton().disabled).toBe(false);
    payButton().click();
    await flush();
    const fresh = page(api);
    await setup(options('en'), fresh);
    payButton().click();
    await flush();
    expect(api.transactions.size).toBe(1);
    const [tx] = [...api.transactions.values()];
    expect([...first.visited, ...fresh.visited]).toEqual([tx?.approvalUrl, tx?.approvalUrl, tx?.approvalUrl]);
  });
});

describe('Kessai.setup: back from the approval page', () => {
  async function paidAndReturned(decision: string, claimed: string) {
    const api = embedApiDouble({ token: TOKEN, amount: 12_000, shipping: true });
    const storage = new Map<string, string>();
    await setup(options('ja'), page(api, SHOP, storage));
    payButton().click();
    await flush();
    const [tx] = [...api.transactions.values()];
    api.decide(tx?.id as string, decision);
    events.length = 0;
    const back = page(api, `${SHOP}&transaction_id=${tx?.id}&transaction_status=${claimed}`, storage);
    await setup(options('ja'), back);
    return { api, tx: tx as { id: string }, back, storage };
  }

  it('puts the transaction’s id and status into the form, raises transactionCreated and says so', async () => {
    const { tx, back } = await paidAndReturned('authorization_succeeded', 'authorization_succeeded');
    expect(hidden('gr4vy_transaction_id')).toBe(tx.id);
    expect(hidden('gr4vy_transaction_status')).toBe('authorization_succeeded');
    expect(events).toEqual([
      ['transactionCreated', { id: tx.id, status: 'authorization_succeeded', method: 'smartpay' }],
    ]);
    expect(status().textContent).toBe('お支払いが承認されました。注文を確定してください。');
    expect(document.activeElement).toBe(status());
    expect((document.querySelector('fieldset') as HTMLFieldSetElement).hidden).toBe(true);
    expect(back.replaced).toEqual([SHOP]);
  });

  it('trusts the API, not the query string: a declined payment is reported as declined', async () => {
    const { tx } = await paidAndReturned('authorization_declined', 'authorization_succeeded');
    expect(hidden('gr4vy_transaction_status')).toBe('authorization_declined');
    expect(events[0]).toEqual([
      'transactionFailed',
      { id: tx.id, status: 'authorization_declined', method: 'smartpay' },
    ]);
    expect(status().className).toContain('kessai-bad');
    expect(status().textContent).toBe(
      'お支払いは完了しませんでした（authorization_declined）。別の方法をお試しください。',
    );
  });

  it('a reload after approving shows the outcome again without offering to pay', async () => {
    const { api, tx, storage } = await paidAndReturned('authorization_succeeded', 'authorization_succeeded');
    events.length = 0;
    await setup(options('en'), page(api, SHOP, storage));
    expect(hidden('gr4vy_transaction_id')).toBe(tx.id);
    expect(payButton().hidden).toBe(true);
    expect(api.transactions.size).toBe(1);
    expect(events.map(([name]) => name)).toEqual(['transactionCreated']);
  });
});
