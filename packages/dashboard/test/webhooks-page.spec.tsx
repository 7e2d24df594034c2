/** @jest-environment jsdom */
import { act } from 'preact/test-utils';
import { WebhooksPage } from '../src/pages/webhooks';
import { type FakeApi, fakeApi } from './fake-api';
import { type Rendered, settle, show, texts } from './render';
import { aSession } from './session-fixture';

const page = (items: unknown[]) => ({ items, limit: 20, next_cursor: null, previous_cursor: null });
const subscription = {
  id: 'sub-1',
  url: 'https://shop.example.jp/hooks',
  active: true,
  rotating: false,
  previous_secret_expires_at: null,
  events: ['transaction.captured'],
  created_at: '2026-12-01T01:00:00.000Z',
};

let api: FakeApi | undefined;
let view: Rendered | undefined;
afterEach(() => {
  view?.unmount();
  view = undefined;
  api?.restore();
});

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
});
