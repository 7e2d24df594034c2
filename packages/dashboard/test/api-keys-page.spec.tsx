/** @jest-environment jsdom */
import { API_SCOPES } from '@kessai/domain';
import { act } from 'preact/test-utils';
import { API_KEY_SCOPES } from '../src/api-key-scopes';
import { ApiKeysPage } from '../src/pages/api-keys';
import { type FakeApi, fakeApi } from './fake-api';
import { type Rendered, settle, show, texts, useModalDialogs } from './render';
import { aSession } from './session-fixture';

const page = (items: unknown[]) => ({ items, limit: 20, next_cursor: null, previous_cursor: null });
const key = (id: string, revokedAt: string | null) => ({
  id,
  name: `key ${id}`,
  scopes: ['transactions.read'],
  created_at: '2026-12-01T01:00:00.000Z',
  last_used_at: null,
  revoked_at: revokedAt,
});

useModalDialogs();

let api: FakeApi | undefined;
let view: Rendered | undefined;
afterEach(() => {
  view?.unmount();
  view = undefined;
  api?.restore();
});

describe('the API keys page', () => {
  it('says a key in use is active and when a revoked one was revoked, in the merchant’s time zone', async () => {
    api = fakeApi({ 'GET /api-keys': { body: page([key('k-1', null), key('k-2', '2026-12-02T03:04:00.000Z')]) } });
    view = await show(<ApiKeysPage />, aSession());
    const status = (id: string) => texts(view!.container, `tr[data-api-key-id="${id}"] td[data-label="Status"]`)[0];
    expect(status('k-1')).toBe('Active');
    expect(status('k-2')).toMatch(/^Revoked on .*2026.*12:04/);
  });

  it('offers the scopes the API knows, reading everything ticked, and sends the ones chosen with the name', async () => {
    expect([...API_KEY_SCOPES].sort()).toEqual([...API_SCOPES].sort());
    api = fakeApi({
      'GET /api-keys': { body: page([]) },
      'POST /api-keys': { status: 201, body: { ...key('k-9', null), private_key_pem: null } },
    });
    view = await show(<ApiKeysPage />, aSession());
    const box = (scope: string) => view!.container.querySelector<HTMLInputElement>(`input[value="${scope}"]`)!;
    expect(API_KEY_SCOPES.filter((scope) => box(scope).checked)).toEqual(['*.read']);
    await act(() => {
      box('*.read').click();
      box('transactions.write').click();
      const name = view!.container.querySelector<HTMLInputElement>('input[name="name"]')!;
      name.value = 'checkout';
      name.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await act(() => {
      view!.container.querySelector('form')?.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
    });
    await settle();
    expect(api.bodies).toEqual([
      { request: 'POST /api-keys', body: { name: 'checkout', scopes: ['transactions.write'] } },
    ]);
  });

  it('shows each key’s scopes and when it was last used, or that it never was', async () => {
    api = fakeApi({
      'GET /api-keys': {
        body: page([
          { ...key('k-1', null), last_used_at: '2026-12-02T03:04:00.000Z' },
          { ...key('k-2', null), scopes: null },
        ]),
      },
    });
    view = await show(<ApiKeysPage />, aSession());
    const cell = (id: string, label: string) =>
      texts(view!.container, `tr[data-api-key-id="${id}"] td[data-label="${label}"]`)[0];
    expect(cell('k-1', 'Scopes')).toBe('transactions.read');
    expect(cell('k-1', 'Last used')).toMatch(/2026.*12:04/);
    expect(cell('k-2', 'Last used')).toBe('Never');
    expect(cell('k-2', 'Scopes')).toBe('Any (made with the command line)');
  });

  it('renames a key from its row', async () => {
    api = fakeApi({
      'GET /api-keys': { body: page([key('k-1', null)]) },
      'PATCH /api-keys/k-1': { body: { ...key('k-1', null), name: 'checkout' } },
    });
    view = await show(<ApiKeysPage />, aSession());
    await act(() => view!.container.querySelector<HTMLButtonElement>('button[aria-label="Rename key k-1"]')?.click());
    await act(() => {
      const input = view!.container.querySelector<HTMLInputElement>('dialog input[name="new-name"]')!;
      input.value = 'checkout';
      input.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await act(() => view!.container.querySelector<HTMLButtonElement>('dialog button[data-confirm]')?.click());
    await settle();
    expect(api.bodies).toEqual([{ request: 'PATCH /api-keys/k-1', body: { name: 'checkout' } }]);
  });
});
