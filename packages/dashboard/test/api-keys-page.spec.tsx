/** @jest-environment jsdom */
import { ApiKeysPage } from '../src/pages/api-keys';
import { type FakeApi, fakeApi } from './fake-api';
import { type Rendered, show, texts } from './render';
import { aSession } from './session-fixture';

const page = (items: unknown[]) => ({ items, limit: 20, next_cursor: null, previous_cursor: null });
const key = (id: string, revokedAt: string | null) => ({
  id,
  name: `key ${id}`,
  created_at: '2026-12-01T01:00:00.000Z',
  revoked_at: revokedAt,
});

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
});
