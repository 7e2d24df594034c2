/** @jest-environment jsdom */
import { act } from 'preact/test-utils';
import { App } from '../src/app';
import type { Session } from '../src/resources';
import { type FakeApi, fakeApi } from './fake-api';
import { type Rendered, settle, show, texts } from './render';
import { aSession } from './session-fixture';

let api: FakeApi | undefined;
let view: Rendered | undefined;
afterEach(() => {
  view?.unmount();
  view = undefined;
  api?.restore();
});

const invited = (): Session => ({
  ...aSession('viewer'),
  user: { ...aSession('viewer').user, must_change_password: true },
});

function type(page: HTMLElement, name: string, value: string): void {
  const input = page.querySelector<HTMLInputElement>(`input[name="${name}"]`)!;
  input.value = value;
  act(() => {
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
}
async function submit(page: HTMLElement, current: string, next: string, repeated = next): Promise<void> {
  type(page, 'current_password', current);
  type(page, 'new_password', next);
  type(page, 'repeated_password', repeated);
  act(() => {
    page.querySelector('form')?.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
  });
  await settle();
}

describe('the first sign-in with a one-time password', () => {
  it('shows only the password change, no page nor navigation, until the API answers a session that needs none', async () => {
    let changed = false;
    api = fakeApi({
      'GET /dashboard/api/session': { body: invited() },
      'POST /dashboard/api/session/password': () => {
        changed = true;
        return { body: aSession('viewer') };
      },
      'GET /analytics/overview': { status: 500, body: { type: 'error', code: 'server_error', details: [] } },
    });
    view = await show(<App />);
    const page = view.container;
    expect(texts(page, 'h1')).toEqual(['Choose your own password']);
    expect(page.querySelector('nav')).toBeNull();
    expect(api.requests).toEqual(['GET /dashboard/api/session']);

    await submit(page, 'one-time-password-123', 'my very own passphrase', 'my very own passphrasf');
    expect(changed).toBe(false);
    expect(texts(page, '.field-error, [id$="-error"]')).toEqual(['The two new passwords differ.']);

    await submit(page, 'one-time-password-123', 'my very own passphrase');
    expect(changed).toBe(true);
    expect(api.bodies).toContainEqual({
      request: 'POST /dashboard/api/session/password',
      body: { current_password: 'one-time-password-123', new_password: 'my very own passphrase' },
    });
    expect(page.querySelector('[data-password-change]')).toBeNull();
    expect(page.querySelector('nav')).not.toBeNull();
  });

  it('says a wrong current password at its field, in the UI’s words', async () => {
    api = fakeApi({
      'GET /dashboard/api/session': { body: invited() },
      'POST /dashboard/api/session/password': {
        status: 400,
        body: {
          type: 'error',
          code: 'bad_request',
          message: 'the current password is not right',
          details: [{ location: 'body', pointer: '/current_password', message: 'x', type: 'wrong_password' }],
        },
      },
    });
    view = await show(<App />);
    await submit(view.container, 'not it', 'my very own passphrase');
    expect(texts(view.container, '[id$="-error"]')).toEqual(['This is not your current password.']);
    expect(view.container.querySelector('[data-password-change]')).not.toBeNull();
  });
});
