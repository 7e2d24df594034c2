import type { Session } from '../src/resources';

/** A signed-in session as the API answers it, in a Tokyo merchant account. */
export function aSession(role: 'admin' | 'viewer' = 'admin'): Session {
  return {
    type: 'dashboard-session',
    user: { id: 'user-1', email: 'ops@shop.example.jp', role, merchant_account_id: 'default' },
    merchant_account: { id: 'default', time_zone: 'Asia/Tokyo' },
    csrf_token: 'csrf',
    expires_at: '2099-01-01T00:00:00.000Z',
    idle_expires_at: '2099-01-01T00:00:00.000Z',
  };
}
