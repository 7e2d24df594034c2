import { createPrivateKey } from 'node:crypto';
import { REQUEST_EXAMPLES, registerNewKey, signToken } from '@kessai/api';
import { FakePaymentConnector } from '@kessai/domain/testing';
import type { JWK } from 'jose';
import { DashboardBrowser } from '../../testing/dashboard-browser';
import { e2eStorages, type Kessai, startKessai } from '../../testing/start-kessai';

const storages = e2eStorages();
const PASSWORD = 'a long enough passphrase';
const ALL = ['*.read', '*.write'];
jest.setTimeout(60_000);

/** The PEM the API answered, as a merchant's server loads it to sign Gr4vy-style tokens. */
async function tokenFrom(pem: string, kid: string, scopes = ['*.read', '*.write']): Promise<string> {
  const jwk = createPrivateKey(pem).export({ format: 'jwk' }) as JWK;
  return signToken({ ...jwk, kid, alg: 'ES512' }, { scopes, expiresInSeconds: 300 });
}
const bearer = (api: Kessai, token: string, path = '/transactions') =>
  fetch(`${api.baseUrl}${path}`, { headers: { authorization: `Bearer ${token}` } });

/** API keys made, listed and revoked through the API (the dashboard's page uses the same routes). */
describe.each(storages)('API keys (storage %s)', (storage) => {
  let api: Kessai;
  let admin: DashboardBrowser;
  let viewer: DashboardBrowser;

  beforeAll(async () => {
    api = await startKessai({ connector: new FakePaymentConnector(), storage });
    for (const [email, role, merchantAccountId] of [
      ['admin@shop.example.jp', 'admin', 'default'],
      ['viewer@shop.example.jp', 'viewer', 'default'],
      ['admin@other.example.jp', 'admin', 'other'],
    ] as const)
      await api.dashboard.manageUsers.create({ email, role, merchantAccountId, password: PASSWORD });
    admin = DashboardBrowser.for(api);
    viewer = DashboardBrowser.for(api);
    await admin.signIn('admin@shop.example.jp', PASSWORD);
    await viewer.signIn('viewer@shop.example.jp', PASSWORD);
  }, 60_000);
  afterAll(async () => {
    await api?.close();
  });

  /** The default merchant account's keys not revoked, read through every page. */
  const activeKeys = async () => {
    let active = 0;
    let cursor: string | null = null;
    do {
      const query: string = cursor ? `&cursor=${cursor}` : '';
      const page = (await admin.request('GET', `/api-keys?limit=100${query}`)).body;
      active += page.items.filter((key: { revoked_at: string | null }) => !key.revoked_at).length;
      cursor = page.next_cursor;
    } while (cursor);
    return active;
  };
  /** Makes keys until the default merchant account holds 25 active ones; their ids. */
  const fillToTheCap = async () => {
    const made: string[] = [];
    for (let active = await activeKeys(); active < 25; active++) {
      const created = await admin.request('POST', '/api-keys', { body: { name: `key ${active}`, scopes: ALL } });
      expect(created.status).toBe(201);
      made.push(created.body.id);
    }
    return made;
  };

  it('creates a key whose private key (PEM, shown once) signs tokens the API accepts; revoking it refuses them at once', async () => {
    const created = await admin.request('POST', '/api-keys', { body: { name: 'Shop backend', scopes: ALL } });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({
      type: 'api-key',
      id: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
      name: 'Shop backend',
      scopes: ALL,
      merchant_account_id: 'default',
      created_at: expect.any(String),
      last_used_at: null,
      revoked_at: null,
      private_key_pem: expect.stringMatching(/^-----BEGIN PRIVATE KEY-----\n[\s\S]+\n-----END PRIVATE KEY-----\n?$/),
    });
    const token = await tokenFrom(created.body.private_key_pem, created.body.id);
    expect((await bearer(api, token)).status).toBe(200);
    const asOther = await fetch(`${api.baseUrl}/transactions`, {
      headers: { authorization: `Bearer ${token}`, 'x-gr4vy-merchant-account-id': 'other' },
    });
    expect(asOther.status).toBe(403);

    const listed = await admin.request('GET', '/api-keys');
    expect(listed.status).toBe(200);
    const { private_key_pem: _once, ...shown } = created.body;
    // The token just accepted was the key's first use.
    expect(listed.body.items).toContainEqual({ ...shown, last_used_at: expect.any(String) });
    expect(JSON.stringify(listed.body)).not.toContain('PRIVATE KEY');

    const revoked = await admin.request('DELETE', `/api-keys/${created.body.id}`);
    expect(revoked.status).toBe(204);
    const refused = await bearer(api, token);
    expect(refused.status).toBe(401);
    expect(await refused.json()).toMatchObject({ code: 'unauthorized', message: 'unknown or revoked API key' });
    const after = (await admin.request('GET', '/api-keys')).body.items.find(
      (key: { id: string }) => key.id === created.body.id,
    );
    expect(after.revoked_at).toEqual(expect.any(String));
    expect((await admin.request('DELETE', `/api-keys/${created.body.id}`)).status).toBe(204);
  });

  it('never replays a private key: an idempotent repeat answers private_key_pem null', async () => {
    const headers = { 'idempotency-key': `key-${storage}-${Date.now()}` };
    const first = await admin.request('POST', '/api-keys', { body: { name: 'CI', scopes: ALL }, headers });
    const again = await admin.request('POST', '/api-keys', { body: { name: 'CI', scopes: ALL }, headers });
    expect(first.body.private_key_pem).toContain('PRIVATE KEY');
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body).toEqual({ ...first.body, private_key_pem: null });
  });

  it('a bearer token with the write scope manages keys too; a viewer lists but cannot create or revoke', async () => {
    const created = await api.call('POST', '/api-keys', { body: { name: 'from a script', scopes: ALL } });
    expect(created.status).toBe(201);
    expect((await viewer.request('GET', '/api-keys')).status).toBe(200);
    const create = await viewer.request('POST', '/api-keys', { body: { name: 'mine', scopes: ALL } });
    expect(create.status).toBe(403);
    const revoke = await viewer.request('DELETE', `/api-keys/${created.body.id}`);
    expect(revoke.status).toBe(403);
    const readOnly = await api.call('POST', '/api-keys', {
      body: { name: 'x', scopes: ALL },
      headers: { authorization: `Bearer ${await api.token(['*.read'])}` },
    });
    expect(readOnly.status).toBe(403);
  });

  it('shows and revokes only the merchant account’s own keys: not another merchant’s, not an admin key', async () => {
    const theirs = DashboardBrowser.for(api);
    await theirs.signIn('admin@other.example.jp', PASSWORD);
    const their = await theirs.request('POST', '/api-keys', { body: { name: 'other shop', scopes: ALL } });
    const operator = await registerNewKey(api.services.apiKeys, ['*']);
    const mine = (await admin.request('GET', '/api-keys')).body.items.map((key: { id: string }) => key.id);
    expect(mine).not.toContain(their.body.id);
    expect(mine).not.toContain(operator.kid);
    for (const id of [their.body.id, operator.kid, 'unknownKid']) {
      const refused = await admin.request('DELETE', `/api-keys/${id}`);
      expect(refused.status).toBe(404);
    }
    const theirToken = await tokenFrom(their.body.private_key_pem, their.body.id);
    const theirCall = await fetch(`${api.baseUrl}/transactions`, {
      headers: { authorization: `Bearer ${theirToken}`, 'x-gr4vy-merchant-account-id': 'other' },
    });
    expect(theirCall.status).toBe(200);
  });

  it.each([
    [{ scopes: ALL }, '/name'],
    [{ name: '', scopes: ALL }, '/name'],
    [{ name: 'x'.repeat(101), scopes: ALL }, '/name'],
    [{ name: 'ok', scopes: ALL, merchant_account_ids: ['*'] }, ''],
    [{ name: 42, scopes: ALL }, '/name'],
    [{ name: 'ok' }, '/scopes'],
    [{ name: 'ok', scopes: [] }, '/scopes'],
    [{ name: 'ok', scopes: ['*'] }, '/scopes/0'],
    [{ name: 'ok', scopes: ['transactions.delete'] }, '/scopes/0'],
  ])('refuses the body %j with a 400 and makes no key', async (body, pointer) => {
    const before = (await admin.request('GET', '/api-keys')).body.items.length;
    const refused = await admin.request('POST', '/api-keys', { body });
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({ type: 'error', code: 'bad_request' });
    if (pointer) expect(refused.body.details[0].pointer).toBe(pointer);
    expect((await admin.request('GET', '/api-keys')).body.items.length).toBe(before);
  });

  it('accepts the OpenAPI example body and documents the routes', async () => {
    const created = await admin.request('POST', '/api-keys', { body: REQUEST_EXAMPLES['POST /api-keys'] });
    expect(created.status).toBe(201);
    const document = (await api.call('GET', '/openapi.json')).body;
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining(['/api-keys', '/api-keys/{api_key_id}', '/dashboard/api/session']),
    );
    expect(document.components.securitySchemes.dashboardSession).toMatchObject({
      in: 'cookie',
      name: 'kessai_session',
    });
  });

  it('bounds the tokens a key signs by the scopes it was made with, whatever scopes a token claims', async () => {
    const created = await admin.request('POST', '/api-keys', {
      body: { name: 'reporting', scopes: ['transactions.read'] },
    });
    expect(created.body).toMatchObject({ scopes: ['transactions.read'] });
    const wide = await tokenFrom(created.body.private_key_pem, created.body.id, ['*.read', '*.write']);
    expect((await bearer(api, wide)).status).toBe(200);
    expect((await bearer(api, wide, '/buyers')).status).toBe(403);
    const write = await fetch(`${api.baseUrl}/buyers`, {
      method: 'POST',
      headers: { authorization: `Bearer ${wide}`, 'content-type': 'application/json' },
      body: JSON.stringify({ display_name: 'refused' }),
    });
    expect(write.status).toBe(403);
  });

  it('renames a key, keeping its scopes; another merchant’s key is not found', async () => {
    const created = await admin.request('POST', '/api-keys', { body: { name: 'old name', scopes: ['buyers.read'] } });
    const renamed = await admin.request('PATCH', `/api-keys/${created.body.id}`, { body: { name: 'new name' } });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ id: created.body.id, name: 'new name', scopes: ['buyers.read'] });
    expect((await admin.request('PATCH', `/api-keys/${created.body.id}`, { body: { name: '' } })).status).toBe(400);
    expect((await viewer.request('PATCH', `/api-keys/${created.body.id}`, { body: { name: 'x' } })).status).toBe(403);
    const theirs = DashboardBrowser.for(api);
    await theirs.signIn('admin@other.example.jp', PASSWORD);
    expect((await theirs.request('PATCH', `/api-keys/${created.body.id}`, { body: { name: 'x' } })).status).toBe(404);
  });

  it('shows when a key was last used: set by its first accepted token, not rewritten by the next within a minute', async () => {
    const created = await admin.request('POST', '/api-keys', { body: { name: 'busy', scopes: ALL } });
    const lastUsed = async () =>
      (await admin.request('GET', '/api-keys?limit=100')).body.items.find(
        (key: { id: string }) => key.id === created.body.id,
      ).last_used_at;
    expect(await lastUsed()).toBeNull();
    const token = await tokenFrom(created.body.private_key_pem, created.body.id);
    expect((await bearer(api, token)).status).toBe(200);
    let first: string | null = null;
    for (let tries = 0; tries < 50 && !first; tries++) {
      first = await lastUsed();
      if (!first) await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(first).not.toBeNull();
    for (let i = 0; i < 5; i++) expect((await bearer(api, token)).status).toBe(200);
    expect(await lastUsed()).toBe(first);
  });

  it('refuses a 26th active key for a merchant account with a 400 naming the reason; revoking one frees a place', async () => {
    const made = await fillToTheCap();
    const refused = await admin.request('POST', '/api-keys', { body: { name: 'one too many', scopes: ALL } });
    expect(refused.status).toBe(400);
    expect(refused.body).toEqual({
      type: 'error',
      code: 'bad_request',
      status: 400,
      message: 'a merchant account may have at most 25 active API keys; revoke one first',
      details: [{ location: 'body', pointer: '', message: refused.body.message, type: 'too_many_api_keys' }],
    });
    expect(await activeKeys()).toBe(25);
    expect((await admin.request('DELETE', `/api-keys/${made[0]}`)).status).toBe(204);
    expect((await admin.request('POST', '/api-keys', { body: { name: 'in its place', scopes: ALL } })).status).toBe(
      201,
    );
    expect(await activeKeys()).toBe(25);
  });

  it('pages the keys newest first like every Gr4vy list: forward, back, and a limit or cursor out of bounds is a 400', async () => {
    await fillToTheCap();
    const all = (await admin.request('GET', '/api-keys?limit=100')).body;
    const first = (await admin.request('GET', '/api-keys')).body;
    expect(first).toMatchObject({ limit: 20, previous_cursor: null, next_cursor: expect.any(String) });
    expect(first.items).toEqual(all.items.slice(0, 20));
    const second = (await admin.request('GET', `/api-keys?limit=20&cursor=${first.next_cursor}`)).body;
    expect(second.items).toEqual(all.items.slice(20, 40));
    const back = (await admin.request('GET', `/api-keys?cursor=${second.previous_cursor}`)).body;
    expect(back.items).toEqual(first.items);
    for (const [query, pointer] of [
      ['limit=101', '/limit'],
      ['limit=0', '/limit'],
      ['cursor=not-a-cursor', '/cursor'],
    ]) {
      const refused = await admin.request('GET', `/api-keys?${query}`);
      expect(refused.status).toBe(400);
      expect(refused.body).toMatchObject({ type: 'error', code: 'bad_request', status: 400 });
      expect(refused.body.details[0]).toMatchObject({ location: 'query', pointer });
    }
  });

  it('refuses a path id that is no key thumbprint with a 400', async () => {
    const refused = await admin.request('DELETE', `/api-keys/${encodeURIComponent('../x y')}`);
    expect(refused.status).toBe(400);
  });
});
