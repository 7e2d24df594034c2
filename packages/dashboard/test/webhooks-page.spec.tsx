/** @jest-environment jsdom */
import { act } from 'preact/test-utils';
import { WebhooksPage } from '../src/pages/webhooks';
import { type FakeApi, fakeApi } from './fake-api';
import { type Rendered, settle, show, texts, useModalDialogs } from './render';
import { aSession } from './session-fixture';

const page = (items: unknown[]) => ({ items, limit: 20, next_cursor: null, previous_cursor: null });
const subscription = {
  id: 'sub-1',
  url: 'https://shop.example.jp/hooks',
  active: true,
  rotating: false,
  previous_secret_expires_at: null,
  events: ['transaction.authorized', 'transaction.captured'],
  all_events: true,
  created_at: '2026-12-01T01:00:00.000Z',
};

useModalDialogs();

let api: FakeApi | undefined;
let view: Rendered | undefined;
afterEach(() => {
  view?.unmount();
  view = undefined;
  api?.restore();
});

const button = (name: string) =>
  Array.from(view!.container.querySelectorAll('button')).find((b) => b.textContent?.trim() === name)!;
const click = async (element: HTMLElement) => {
  await act(() => element.click());
  await settle();
};

async function addSubscription(url: string): Promise<void> {
  const container = view!.container;
  const input = container.querySelector<HTMLInputElement>('input[name=url]')!;
  await act(() => {
    input.value = url;
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
  await act(() => {
    container.querySelector('form')!.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
  });
  await settle();
}

describe('the webhooks page', () => {
  it('shows a new subscription’s signing secret once, under its URL and id, until it is dismissed', async () => {
    let created = false;
    api = fakeApi({
      'GET /webhook-subscriptions': () => ({ body: page(created ? [subscription] : []) }),
      'POST /webhook-subscriptions': () => {
        created = true;
        return { status: 201, body: { ...subscription, secret: 'whsec0123456789' } };
      },
    });
    view = await show(<WebhooksPage />, aSession());
    await addSubscription(subscription.url);

    const notice = view.container.querySelector<HTMLElement>('section.secret-once')!;
    expect(notice.getAttribute('data-subscription-id')).toBe('sub-1');
    expect(texts(notice, 'h2')).toEqual(['Signing secret of the new subscription https://shop.example.jp/hooks']);
    expect(texts(notice, 'code')).toEqual(['sub-1']);
    expect(notice.textContent).toContain('Shown only now: Kessai never shows it again.');
    expect(notice.querySelector<HTMLInputElement>('input[name=webhook_secret]')!.value).toBe('whsec0123456789');

    const dismiss = Array.from(notice.querySelectorAll('button')).find((b) => b.textContent?.includes('dismiss'))!;
    await act(() => dismiss.click());
    expect(view.container.querySelector('section.secret-once')).toBeNull();
    expect(view.container.querySelector('input[name=webhook_secret]')).toBeNull();
  });

  it('disables a subscription, keeping it listed as disabled, and enables it again', async () => {
    let active = true;
    api = fakeApi({
      'GET /webhook-subscriptions': () => ({ body: page([{ ...subscription, active }]) }),
      'PUT /webhook-subscriptions/sub-1': () => ({ body: { ...subscription, active } }),
    });
    view = await show(<WebhooksPage />, aSession());
    active = false;
    await click(button('Disable'));
    expect(api.bodies).toEqual([{ request: 'PUT /webhook-subscriptions/sub-1', body: { active: false } }]);
    expect(view.container.textContent).toContain('Disabled: nothing is sent until it is enabled again');

    active = true;
    await click(button('Enable'));
    expect(api.bodies.at(-1)).toEqual({ request: 'PUT /webhook-subscriptions/sub-1', body: { active: true } });
    expect(view.container.textContent).not.toContain('Disabled:');
  });

  it('deletes a subscription only after the merchant confirms it', async () => {
    let deleted = false;
    api = fakeApi({
      'GET /webhook-subscriptions': () => ({ body: page(deleted ? [] : [subscription]) }),
      'DELETE /webhook-subscriptions/sub-1': () => {
        deleted = true;
        return { status: 204 };
      },
    });
    view = await show(<WebhooksPage />, aSession());
    await click(button('Delete'));
    const dialog = view.container.querySelector('dialog[open]')!;
    expect(dialog.textContent).toContain('Kessai stops sending to https://shop.example.jp/hooks');
    expect(api.requests.filter((r) => r.startsWith('DELETE'))).toEqual([]);

    await click(dialog.querySelector<HTMLButtonElement>('button[data-confirm]')!);
    expect(api.requests.filter((r) => r.startsWith('DELETE'))).toEqual(['DELETE /webhook-subscriptions/sub-1']);
    expect(view.container.textContent).toContain('No subscription yet.');
  });

  it('shows each attempt’s time, HTTP status or error, duration, headers sent and answer, and the body sent', async () => {
    const delivery = {
      id: 'del-1',
      event_name: 'transaction.captured',
      transaction_id: 'tx-1',
      status: 'pending',
      attempts: [
        {
          number: 1,
          attempted_at: '2026-12-01T01:00:00.000Z',
          duration_ms: 5000,
          response_status: null,
          error: 'timed out',
          request_headers: { 'x-gr4vy-webhook-id': 'del-1', 'x-gr4vy-webhook-signatures': 'abc123' },
          response_body_excerpt: null,
        },
        {
          number: 2,
          attempted_at: '2026-12-01T01:00:05.000Z',
          duration_ms: 42,
          response_status: 500,
          error: null,
          request_headers: null,
          response_body_excerpt: 'database is down',
        },
      ],
      next_attempt_at: '2026-12-01T01:00:15.000Z',
      created_at: '2026-12-01T01:00:00.000Z',
      delivered_at: null,
      payload: { type: 'event', id: 'del-1' },
    };
    api = fakeApi({
      'GET /webhook-subscriptions': () => ({ body: page([subscription]) }),
      'GET /webhook-subscriptions/sub-1/deliveries': () => ({ body: page([delivery]) }),
    });
    view = await show(<WebhooksPage />, aSession());
    await click(button('Show deliveries'));
    const attempts = Array.from(view.container.querySelectorAll('dl.attempt')).map((dl) => texts(dl, 'dd'));
    expect(attempts[0]).toEqual(['#1', expect.any(String), 'no answer', '5000 ms', 'timed out']);
    expect(attempts[1]).toEqual(['#2', expect.any(String), '500', '42 ms']);
    const shown = Array.from(view.container.querySelectorAll('pre.payload')).map((pre) => pre.textContent);
    expect(shown.slice(0, 2)).toEqual([
      'x-gr4vy-webhook-id: del-1\nx-gr4vy-webhook-signatures: abc123',
      'database is down',
    ]);
    expect(JSON.parse(shown[2] ?? '')).toEqual(delivery.payload);
  });

  it('changes a subscription’s URL in place, and says a refused one at the field', async () => {
    let url = subscription.url;
    api = fakeApi({
      'GET /webhook-subscriptions': () => ({ body: page([{ ...subscription, url }]) }),
      'PUT /webhook-subscriptions/sub-1': () => {
        url = 'https://shop.example.jp/new-hooks';
        return { body: { ...subscription, url } };
      },
    });
    view = await show(<WebhooksPage />, aSession());
    await click(button('Change URL'));
    const editor = view.container.querySelector<HTMLFormElement>('form[data-url-editor]')!;
    const input = editor.querySelector<HTMLInputElement>('input[name=url]')!;
    expect(input.value).toBe(subscription.url);
    await act(() => {
      input.value = 'https://shop.example.jp/new-hooks';
      input.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await act(() => {
      editor.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
    });
    await settle();
    expect(api.bodies).toEqual([
      { request: 'PUT /webhook-subscriptions/sub-1', body: { url: 'https://shop.example.jp/new-hooks' } },
    ]);
    expect(texts(view.container, 'article h2')).toEqual(['https://shop.example.jp/new-hooks']);
    expect(view.container.querySelector('form[data-url-editor]')).toBeNull();

    api.restore();
    api = fakeApi({
      'GET /webhook-subscriptions': () => ({ body: page([{ ...subscription, url }]) }),
      'PUT /webhook-subscriptions/sub-1': {
        status: 400,
        body: {
          type: 'error',
          code: 'bad_request',
          message: 'x',
          details: [{ location: 'body', pointer: '/url', message: 'x', type: 'invalid_url' }],
        },
      },
    });
    await click(button('Change URL'));
    await act(() => {
      view!.container
        .querySelector('form[data-url-editor]')!
        .dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
    });
    await settle();
    expect(view.container.querySelector('form[data-url-editor] [aria-invalid="true"]')).not.toBeNull();
  });

  it('pages through deliveries beyond the first 20, newest first', async () => {
    const delivery = (n: number) => ({
      id: `del-${n}`,
      event_name: 'transaction.captured',
      transaction_id: `tx-${n}`,
      status: 'succeeded',
      attempts: [],
      next_attempt_at: null,
      created_at: '2026-12-01T01:00:00.000Z',
      delivered_at: null,
      payload: {},
    });
    api = fakeApi({
      'GET /webhook-subscriptions': () => ({ body: page([subscription]) }),
      'GET /webhook-subscriptions/sub-1/deliveries': () => {
        const older = api!.requests.at(-1)?.includes('cursor=older');
        return {
          body: older
            ? { items: [delivery(21)], limit: 20, next_cursor: null, previous_cursor: 'newer' }
            : {
                items: Array.from({ length: 20 }, (_, i) => delivery(i + 1)),
                limit: 20,
                next_cursor: 'older',
                previous_cursor: null,
              },
        };
      },
    });
    view = await show(<WebhooksPage />, aSession());
    await click(button('Show deliveries'));
    const links = () => texts(view!.container, 'ul.ops a code');
    expect(links()).toHaveLength(20);
    expect(button('Previous page').disabled).toBe(true);
    await click(button('Next page'));
    expect(links()).toEqual(['tx-21']);
    expect(api.requests.at(-1)).toBe('GET /webhook-subscriptions/sub-1/deliveries?cursor=older');
    await click(button('Previous page'));
    expect(links()).toHaveLength(20);
  });

  it('offers a viewer no disable or delete', async () => {
    api = fakeApi({ 'GET /webhook-subscriptions': () => ({ body: page([subscription]) }) });
    view = await show(<WebhooksPage />, aSession('viewer'));
    expect(texts(view.container, 'button')).toEqual(['Show deliveries']);
    expect(view.container.textContent).toContain('Events: every event');
  });

  it('chooses the events a subscription is sent, and shows the choice', async () => {
    let chosen: string[] | null = null;
    api = fakeApi({
      'GET /webhook-subscriptions': () => ({
        body: page([{ ...subscription, all_events: chosen === null, events: chosen ?? subscription.events }]),
      }),
      'GET /webhook-event-types': () => ({ body: { items: ['transaction.authorized', 'transaction.captured'] } }),
      'PUT /webhook-subscriptions/sub-1': () => {
        chosen = ['transaction.captured'];
        return { body: { ...subscription, all_events: false, events: chosen } };
      },
    });
    view = await show(<WebhooksPage />, aSession());
    expect(view.container.textContent).toContain('Events: every event');
    await click(button('Choose events'));
    const editor = view.container.querySelector<HTMLFormElement>('form.event-types')!;
    expect(editor.querySelectorAll('input[name=events]')).toHaveLength(0);
    await click(editor.querySelector<HTMLInputElement>('input[type=radio]:not(:checked)')!);
    const save = () => Array.from(editor.querySelectorAll('button')).find((b) => b.textContent === 'Save events')!;
    expect(save().disabled).toBe(true);
    await click(editor.querySelector<HTMLInputElement>('input[value="transaction.captured"]')!);
    await act(() => {
      editor.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
    });
    await settle();
    expect(api.bodies).toEqual([
      { request: 'PUT /webhook-subscriptions/sub-1', body: { events: ['transaction.captured'] } },
    ]);
    expect(view.container.querySelector('form.event-types')).toBeNull();
    expect(texts(view.container, 'p.hint code')).toContain('transaction.captured');
    expect(view.container.textContent).not.toContain('every event');
  });

  it('sends a test event, says it is queued, and lists it with the deliveries (no transaction link)', async () => {
    let tested = false;
    const testDelivery = {
      id: 'del-test',
      event_name: 'test',
      transaction_id: 'del-test',
      status: 'succeeded',
      attempts: [],
      next_attempt_at: null,
      created_at: '2026-12-01T01:00:00.000Z',
      delivered_at: '2026-12-01T01:00:00.100Z',
      payload: { type: 'event', name: 'test' },
    };
    api = fakeApi({
      'GET /webhook-subscriptions': () => ({ body: page([subscription]) }),
      'POST /webhook-subscriptions/sub-1/test': () => {
        tested = true;
        return { status: 202, body: { ...testDelivery, status: 'pending' } };
      },
      'GET /webhook-subscriptions/sub-1/deliveries': () => ({ body: page(tested ? [testDelivery] : []) }),
    });
    view = await show(<WebhooksPage />, aSession());
    await click(button('Send test event'));
    await settle();
    expect(api.requests).toContain('POST /webhook-subscriptions/sub-1/test');
    expect(view.container.querySelector('[role=status]')?.textContent).toContain('Test event del-test queued');
    const list = view.container.querySelector('ul.ops')!;
    expect(list.textContent).toContain('test event');
    expect(list.querySelector('a')).toBeNull();
  });

  it('offers no test for a disabled subscription, and words the API’s refusal', async () => {
    api = fakeApi({
      'GET /webhook-subscriptions': () => ({ body: page([{ ...subscription, active: false }]) }),
    });
    view = await show(<WebhooksPage />, aSession());
    expect(button('Send test event').disabled).toBe(true);
    view.unmount();
    api.restore();
    api = fakeApi({
      'GET /webhook-subscriptions': () => ({ body: page([subscription]) }),
      'POST /webhook-subscriptions/sub-1/test': () => ({
        status: 400,
        body: {
          type: 'error',
          code: 'bad_request',
          status: 400,
          message: 'disabled',
          details: [{ location: 'body', pointer: '', message: 'disabled', type: 'webhook_subscription_disabled' }],
        },
      }),
    });
    view = await show(<WebhooksPage />, aSession());
    await click(button('Send test event'));
    expect(view.container.querySelector('[role=alert]')?.textContent).toContain(
      'This subscription is disabled. Enable it first.',
    );
  });
});
