import { ApiKeyNotFoundError, TooManyApiKeysError } from '../errors';
import { InMemoryApiKeyRegistry } from '../in-memory/in-memory-api-key-registry';
import { InMemoryAuditLog } from '../in-memory/in-memory-audit-log';
import { RandomIdGenerator } from '../shared/random-id-generator';
import { ManualClock } from '../shared/system-clock';
import { type ApiKey, MAX_ACTIVE_API_KEYS_PER_MERCHANT } from './api-key';
import type { ApiKeyPairGenerator } from './api-key-pair-generator';
import { ManageApiKeys } from './manage-api-keys';

function setup() {
  const clock = new ManualClock(new Date('2026-03-01T10:00:00.000Z'));
  const apiKeys = new InMemoryApiKeyRegistry();
  let made = 0;
  const keyPairs: ApiKeyPairGenerator = {
    generate: async () => {
      made += 1;
      return { kid: `kid-${made}`, publicJwk: { kty: 'EC', x: `x-${made}` }, privateKeyPem: `pem-${made}` };
    },
  };
  return { clock, apiKeys, manage: new ManageApiKeys({ apiKeys, keyPairs, clock }) };
}

const READ = ['*.read'];

const keyOf = (kid: string, merchantAccountIds: string[]): ApiKey => ({
  kid,
  merchantAccountIds,
  publicJwk: { kty: 'EC' },
  name: null,
  createdAt: new Date('2026-02-01T00:00:00.000Z'),
  revokedAt: null,
});

describe('a merchant’s API keys', () => {
  it('are made bound to the merchant alone; the public half is stored, the private half answered once', async () => {
    const { manage, apiKeys } = setup();
    const { key, privateKeyPem } = await manage.create('m-1', 'backend', ['transactions.read']);
    expect(key).toEqual({
      kid: 'kid-1',
      merchantAccountIds: ['m-1'],
      publicJwk: { kty: 'EC', x: 'x-1' },
      name: 'backend',
      scopes: ['transactions.read'],
      lastUsedAt: null,
      createdAt: new Date('2026-03-01T10:00:00.000Z'),
      revokedAt: null,
    });
    expect(privateKeyPem).toBe('pem-1');
    expect(await apiKeys.findByKid('kid-1')).toEqual(key);
  });

  it(`are at most ${MAX_ACTIVE_API_KEYS_PER_MERCHANT} active at once; revoking one makes room`, async () => {
    const { manage } = setup();
    for (let i = 0; i < MAX_ACTIVE_API_KEYS_PER_MERCHANT; i++) await manage.create('m-1', `key ${i}`, READ);
    const refused = manage.create('m-1', 'one too many', READ);
    await expect(refused).rejects.toBeInstanceOf(TooManyApiKeysError);
    await expect(refused).rejects.toMatchObject({ field: '' });
    expect((await manage.list('m-1', { limit: 100 })).items).toHaveLength(MAX_ACTIVE_API_KEYS_PER_MERCHANT);
    await manage.revoke('m-1', 'kid-1');
    await expect(manage.create('m-1', 'rotated', READ)).resolves.toBeDefined();
  });

  it('count against their own merchant’s cap only', async () => {
    const { manage } = setup();
    for (let i = 0; i < MAX_ACTIVE_API_KEYS_PER_MERCHANT; i++) await manage.create('m-1', `key ${i}`, READ);
    await expect(manage.create('m-2', 'first', READ)).resolves.toBeDefined();
  });

  it('are listed newest first, revoked ones too, without other merchants’ keys or admin keys', async () => {
    const { manage, apiKeys, clock } = setup();
    await apiKeys.add(keyOf('admin', ['*']));
    await apiKeys.add(keyOf('shared', ['m-1', 'm-2']));
    await manage.create('m-2', 'theirs', READ);
    await manage.create('m-1', 'older', READ);
    clock.advance(1_000);
    await manage.create('m-1', 'newer', READ);
    await manage.revoke('m-1', 'kid-2');
    const listed = await manage.list('m-1', { limit: 10 });
    expect(listed.items.map((key) => [key.name, key.revokedAt !== null])).toEqual([
      ['newer', false],
      ['older', true],
    ]);
  });

  it('once revoked stay revoked from the first time; revoking again succeeds', async () => {
    const { manage, apiKeys, clock } = setup();
    await manage.create('m-1', 'backend', ['transactions.read']);
    await manage.revoke('m-1', 'kid-1');
    clock.advance(60_000);
    await expect(manage.revoke('m-1', 'kid-1')).resolves.toBeUndefined();
    expect((await apiKeys.findByKid('kid-1'))?.revokedAt).toEqual(new Date('2026-03-01T10:00:00.000Z'));
  });

  it('of another merchant, shared with another merchant, an admin key or none at all are not found, and not revoked', async () => {
    const { manage, apiKeys } = setup();
    await manage.create('m-2', 'theirs', READ);
    await apiKeys.add(keyOf('admin', ['*']));
    await apiKeys.add(keyOf('shared', ['m-1', 'm-2']));
    for (const kid of ['kid-1', 'admin', 'shared', 'nothing']) {
      const refused = manage.revoke('m-1', kid);
      await expect(refused).rejects.toBeInstanceOf(ApiKeyNotFoundError);
      await expect(refused).rejects.toMatchObject({ message: `no API key ${kid}` });
    }
    for (const kid of ['kid-1', 'admin', 'shared']) expect((await apiKeys.findByKid(kid))?.revokedAt).toBeNull();
  });

  it('are made with the scopes chosen from those the API knows, at least one', async () => {
    const { manage } = setup();
    await expect(manage.create('m-1', 'ci', ['transactions.read', 'transactions.read'])).resolves.toMatchObject({
      key: { scopes: ['transactions.read'] },
    });
    for (const scopes of [[], ['transactions.delete'], ['*']])
      await expect(manage.create('m-1', 'ci', scopes)).rejects.toMatchObject({
        code: 'invalid_field',
        field: '/scopes',
      });
  });

  it('are renamed by their own merchant only', async () => {
    const { manage, apiKeys } = setup();
    await manage.create('m-1', 'backend', READ);
    await expect(manage.rename('m-1', 'kid-1', 'checkout')).resolves.toMatchObject({ name: 'checkout' });
    await expect(manage.rename('m-2', 'kid-1', 'theirs')).rejects.toBeInstanceOf(ApiKeyNotFoundError);
    expect((await apiKeys.findByKid('kid-1'))?.name).toBe('checkout');
  });

  it('written to the audit log when a dashboard user creates, renames or revokes one; not when an API key does', async () => {
    const clock = new ManualClock(new Date('2026-03-01T10:00:00.000Z'));
    const log = new InMemoryAuditLog();
    const keyPairs: ApiKeyPairGenerator = {
      generate: async () => ({ kid: `kid-${clock.now().getTime()}`, publicJwk: {}, privateKeyPem: 'pem' }),
    };
    const manage = new ManageApiKeys({
      apiKeys: new InMemoryApiKeyRegistry(),
      keyPairs,
      clock,
      audit: { log, ids: new RandomIdGenerator() },
    });
    const person = { type: 'dashboard_user' as const, id: 'u-1', display: 'admin@shop.jp' };
    const { key } = await manage.create('m-1', 'backend', READ, person);
    clock.advance(1_000);
    await manage.rename('m-1', key.kid, 'checkout', person);
    clock.advance(1_000);
    await manage.revoke('m-1', key.kid, person);
    await manage.revoke('m-1', key.kid, person);
    await manage.create('m-1', 'scripted', READ, { type: 'api_key', id: 'kid-x', display: 'kid-x' });
    const entries = (await log.list('m-1', { limit: 10 })).items;
    expect(entries.map((entry) => [entry.action, entry.actorEmail, entry.target, entry.detail])).toEqual([
      ['api_key.revoked', 'admin@shop.jp', key.kid, 'checkout'],
      ['api_key.renamed', 'admin@shop.jp', key.kid, 'checkout'],
      ['api_key.created', 'admin@shop.jp', key.kid, 'backend'],
    ]);
  });
});
