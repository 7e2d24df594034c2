/** @jest-environment jsdom */
import { act } from 'preact/test-utils';
import { SignIn } from '../src/pages/sign-in';
import type { Session } from '../src/resources';
import { type Answer, type FakeApi, fakeApi } from './fake-api';
import { type Rendered, settle, show, texts } from './render';
import { aSession } from './session-fixture';

let api: FakeApi | undefined;
let view: Rendered | undefined;
let handedOn: Session | null = null;
afterEach(() => {
  view?.unmount();
  view = undefined;
  api?.restore();
  handedOn = null;
});

async function open(expired = false): Promise<HTMLElement> {
  view = await show(
    <SignIn
      expired={expired}
      onSignedIn={(session) => {
        handedOn = session;
      }}
    />,
  );
  return view.container;
}

function type(form: HTMLElement, name: string, value: string): void {
  const input = form.querySelector<HTMLInputElement>(`input[name="${name}"]`)!;
  input.value = value;
  act(() => {
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

/** Types an e-mail and password and submits them; the API answers `answer`. */
async function submit(page: HTMLElement, answer: Answer): Promise<void> {
  api?.restore();
  api = fakeApi({ 'POST /dashboard/api/session': answer });
  type(page, 'email', 'ops@shop.example.jp');
  type(page, 'password', 'correct horse battery staple');
  act(() => {
    page.querySelector('form')?.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
  });
  await settle();
}

const shownError = (page: HTMLElement) => texts(page, '[data-sign-in-error]');

describe('the sign-in form', () => {
  it('hands on the session the API answers', async () => {
    const page = await open();
    await submit(page, { body: aSession('viewer') });
    expect(handedOn).toEqual(aSession('viewer'));
    expect(api?.requests).toEqual(['POST /dashboard/api/session']);
    expect(shownError(page)).toEqual([]);
  });

  it('says the e-mail or password is wrong, without saying which', async () => {
    const page = await open();
    await submit(page, { status: 401, body: { code: 'invalid_credentials', message: 'Invalid e-mail or password' } });
    expect(shownError(page)).toEqual(['Wrong e-mail or password.']);
    expect(handedOn).toBeNull();
  });

  it("says how long to wait after too many attempts, in whole minutes from the API's Retry-After", async () => {
    const page = await open();
    await submit(page, {
      status: 429,
      headers: { 'Retry-After': '125' },
      body: { code: 'too_many_attempts', message: 'Too many attempts' },
    });
    expect(shownError(page)).toEqual(['Too many failed attempts. Try again in 3 min.']);
  });

  it('says 15 minutes when the API gives no Retry-After', async () => {
    const page = await open();
    await submit(page, { status: 429, body: { code: 'too_many_attempts', message: 'Too many attempts' } });
    expect(shownError(page)).toEqual(['Too many failed attempts. Try again in 15 min.']);
  });

  it("shows any other refusal as its code's sentence in the UI's language, not the API's English", async () => {
    const page = await open();
    await submit(page, { status: 503, body: { code: 'service_unavailable', message: 'Kessai is starting' } });
    expect(shownError(page)).toEqual(['Kessai is busy. Try again in a moment.']);
  });

  it('announces the same message again on the next failed attempt', async () => {
    const page = await open();
    const refused = { status: 401, body: { code: 'invalid_credentials', message: 'Invalid' } };
    await submit(page, refused);
    await submit(page, refused);
    const banner = page.querySelector('[data-sign-in-error]');
    expect(banner?.getAttribute('role')).toBe('alert');
    expect(banner?.getAttribute('data-attempt')).toBe('2');
  });

  it('says the session ended when an expired session sent the person back here', async () => {
    const page = await open(true);
    expect(shownError(page)).toEqual(['Your session ended. Please sign in again.']);
  });
});
