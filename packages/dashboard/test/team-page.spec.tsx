/** @jest-environment jsdom */
import { act } from 'preact/test-utils';
import { AuditPage } from '../src/pages/audit';
import { TeamPage } from '../src/pages/team';
import { type FakeApi, fakeApi } from './fake-api';
import { type Rendered, settle, show, texts, useModalDialogs } from './render';
import { aSession } from './session-fixture';

useModalDialogs();

const member = (id: string, email: string, role: 'admin' | 'viewer', deactivatedAt: string | null = null) => ({
  id,
  email,
  role,
  created_at: '2026-12-01T01:00:00.000Z',
  deactivated_at: deactivatedAt,
});

let api: FakeApi | undefined;
let view: Rendered | undefined;
afterEach(() => {
  view?.unmount();
  view = undefined;
  api?.restore();
});

describe('the team page', () => {
  it('lists users with their role and whether they are active; a deactivated one offers nothing', async () => {
    api = fakeApi({
      'GET /dashboard/api/team': {
        body: {
          items: [
            member('u-1', 'ops@shop.jp', 'viewer'),
            member('u-2', 'gone@shop.jp', 'viewer', '2026-12-02T03:04:00.000Z'),
          ],
        },
      },
    });
    view = await show(<TeamPage />, aSession());
    const cell = (id: string, label: string) =>
      texts(view!.container, `tr[data-user-id="${id}"] td[data-label="${label}"]`)[0];
    expect(cell('u-1', 'Status')).toBe('Active');
    expect(cell('u-2', 'Status')).toMatch(/^Deactivated on .*2026/);
    expect(view.container.querySelector('button[aria-label="Deactivate ops@shop.jp"]')).not.toBeNull();
    expect(view.container.querySelector('button[aria-label="Deactivate gone@shop.jp"]')).toBeNull();
  });

  it('invites a user and shows the one-time password the API answered', async () => {
    api = fakeApi({
      'GET /dashboard/api/team': { body: { items: [] } },
      'POST /dashboard/api/team': {
        status: 201,
        body: { ...member('u-3', 'new@shop.jp', 'admin'), one_time_password: 'Abc123-one-time_password' },
      },
    });
    view = await show(<TeamPage />, aSession());
    await act(() => {
      const email = view!.container.querySelector<HTMLInputElement>('input[name="email"]')!;
      email.value = 'new@shop.jp';
      email.dispatchEvent(new Event('input', { bubbles: true }));
      const role = view!.container.querySelector<HTMLSelectElement>('#invite-role')!;
      role.value = 'admin';
      role.dispatchEvent(new Event('change', { bubbles: true }));
    });
    await act(() => {
      view!.container.querySelector('form')?.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
    });
    await settle();
    expect(api.bodies).toEqual([
      { request: 'POST /dashboard/api/team', body: { email: 'new@shop.jp', role: 'admin' } },
    ]);
    const shown = view.container.querySelector<HTMLInputElement>('input[name="one-time-password"]');
    expect(shown?.value).toBe('Abc123-one-time_password');
  });

  it('changes a role from its row and deactivates after confirming', async () => {
    api = fakeApi({
      'GET /dashboard/api/team': { body: { items: [member('u-1', 'ops@shop.jp', 'viewer')] } },
      'PATCH /dashboard/api/team/u-1': { body: member('u-1', 'ops@shop.jp', 'admin') },
      'POST /dashboard/api/team/u-1/deactivate': {
        body: member('u-1', 'ops@shop.jp', 'admin', '2026-12-02T00:00:00Z'),
      },
    });
    view = await show(<TeamPage />, aSession());
    await act(() => {
      const select = view!.container.querySelector<HTMLSelectElement>('select[aria-label="Role of ops@shop.jp"]')!;
      select.value = 'admin';
      select.dispatchEvent(new Event('change', { bubbles: true }));
    });
    await settle();
    await act(() =>
      view!.container.querySelector<HTMLButtonElement>('button[aria-label="Deactivate ops@shop.jp"]')?.click(),
    );
    await act(() => view!.container.querySelector<HTMLButtonElement>('dialog button[data-confirm]')?.click());
    await settle();
    expect(api.requests.filter((line) => !line.startsWith('GET'))).toEqual([
      'PATCH /dashboard/api/team/u-1',
      'POST /dashboard/api/team/u-1/deactivate',
    ]);
  });
});

describe('the audit page', () => {
  it('lists who did what to whom, in words, newest first as the API gives them', async () => {
    api = fakeApi({
      'GET /dashboard/api/audit': {
        body: {
          items: [
            {
              id: 'a-1',
              actor: { id: 'u-1', email: 'admin@shop.jp' },
              action: 'dashboard_user.role_changed',
              target: 'ops@shop.jp',
              detail: 'admin',
              at: '2026-12-02T03:04:00.000Z',
            },
            {
              id: 'a-2',
              actor: { id: 'u-1', email: 'admin@shop.jp' },
              action: 'dashboard.signed_in',
              target: 'admin@shop.jp',
              detail: null,
              at: '2026-12-02T03:00:00.000Z',
            },
          ],
          limit: 20,
          next_cursor: null,
          previous_cursor: null,
        },
      },
    });
    view = await show(<AuditPage />, aSession());
    expect(texts(view.container, 'td[data-label="What"]')).toEqual(['Changed a role (admin)', 'Signed in']);
    expect(texts(view.container, 'td[data-label="On"]')).toEqual(['ops@shop.jp', 'admin@shop.jp']);
  });
});
