/** @jest-environment jsdom */
import { ConnectionsPage } from '../src/pages/connections';
import type { PaymentService } from '../src/resources';
import { type FakeApi, fakeApi } from './fake-api';
import { type Rendered, show, texts } from './render';
import { aSession } from './session-fixture';

const page = (items: unknown[]) => ({ items, limit: 20, next_cursor: null, previous_cursor: null });
const aConnection = (overrides: Partial<PaymentService> & Pick<PaymentService, 'id'>): PaymentService => ({
  display_name: `Smartpay ${overrides.id}`,
  active: true,
  is_deleted: false,
  used_for_new_transactions: false,
  webhook_url: `http://127.0.0.1:8080/webhooks/smartpay/${overrides.id}`,
  provider_webhook_endpoint_id: `whe_${overrides.id}`,
  ...overrides,
});

let api: FakeApi | undefined;
let view: Rendered | undefined;
afterEach(() => {
  view?.unmount();
  view = undefined;
  api?.restore();
});

const card = (id: string) => view!.container.querySelector<HTMLElement>(`[data-payment-service-id="${id}"]`)!;

describe('the connections page', () => {
  it('says Kessai registered the webhook endpoint and asks for no pasting', async () => {
    api = fakeApi({ 'GET /payment-services': { body: page([aConnection({ id: 'a' })]) } });
    view = await show(<ConnectionsPage />, aSession());
    expect(card('a').textContent).toContain('Registered by Kessai');
    expect(texts(card('a'), 'code')).toContain('whe_a');
    expect(texts(card('a'), 'code')).toContain('http://127.0.0.1:8080/webhooks/smartpay/a');
    expect(card('a').textContent).not.toMatch(/paste/i);
  });

  it('asks for the webhook URL to be pasted into Smartpay only when Kessai registered no endpoint', async () => {
    api = fakeApi({
      'GET /payment-services': {
        body: page([aConnection({ id: 'a', provider_webhook_endpoint_id: null })]),
      },
    });
    view = await show(<ConnectionsPage />, aSession());
    expect(card('a').textContent).not.toContain('Registered by Kessai');
    expect(card('a').querySelector('label')?.textContent).toBe('Webhook URL to paste into Smartpay');
    expect(card('a').querySelector<HTMLInputElement>('input[name=webhook_url]')!.value).toBe(
      'http://127.0.0.1:8080/webhooks/smartpay/a',
    );
  });

  it('marks the connection the API says new transactions use, without choosing one itself', async () => {
    api = fakeApi({
      'GET /payment-services': {
        body: page([
          aConnection({ id: 'a', active: false }),
          aConnection({ id: 'b' }),
          aConnection({ id: 'c', used_for_new_transactions: true }),
        ]),
      },
    });
    view = await show(<ConnectionsPage />, aSession());
    const marked = ['a', 'b', 'c'].filter((id) => card(id).textContent?.includes('Used for new transactions'));
    // Not the oldest active one here (b): the rule is the API's, and the page only shows its answer.
    expect(marked).toEqual(['c']);
  });
});
