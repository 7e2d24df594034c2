import type { ApiKey, ApiKeyRegistry } from '@kessai/domain';
import { InMemoryApiKeyRegistry } from '@kessai/domain/in-memory';
import { registerNewKey } from './api-keys';
import { createKeyPair } from './keys';
import { RegisteredKeys } from './registered-keys';

const CACHE_MS = 5_000;

/** The registry as storage, counting reads; `hold()` keeps the next reads waiting until released. */
function counted(registry: ApiKeyRegistry) {
  let reads = 0;
  let gate: Promise<void> | undefined;
  let open = () => {};
  return {
    reads: () => reads,
    hold() {
      gate = new Promise((resolve) => {
        open = () => {
          gate = undefined;
          resolve();
        };
      });
    },
    release: () => open(),
    registry: {
      async findByKid(kid: string): Promise<ApiKey | undefined> {
        reads++;
        const waiting = gate;
        const record = await registry.findByKid(kid);
        if (waiting) await waiting;
        return record;
      },
    },
  };
}

async function setup() {
  const storage = new InMemoryApiKeyRegistry();
  const pair = await registerNewKey(storage, ['default']);
  const store = counted(storage);
  const keys = new RegisteredKeys(store.registry, CACHE_MS);
  const clock = jest.spyOn(Date, 'now');
  let now = 1_800_000_000_000;
  clock.mockImplementation(() => now);
  return { storage, pair, store, keys, later: (ms: number) => (now += ms) };
}

afterEach(() => jest.restoreAllMocks());

describe('RegisteredKeys', () => {
  it('reads a key once per cache period, and every request in flight when it runs out shares one read', async () => {
    const { pair, store, keys, later } = await setup();
    const first = await keys.find(pair.kid);
    expect(first?.merchantAccountIds).toEqual(['default']);
    expect(await keys.find(pair.kid)).toBe(first);
    expect(store.reads()).toBe(1);
    later(CACHE_MS + 1);
    const answers = await Promise.all(Array.from({ length: 20 }, () => keys.find(pair.kid)));
    expect(store.reads()).toBe(2);
    // The stored JWK did not change: the key imported the first time is used again.
    for (const answer of answers) expect(answer?.key).toBe(first?.key);
  });

  it('imports the key again when its stored JWK changed', async () => {
    const { storage, pair, keys, later } = await setup();
    const first = await keys.find(pair.kid);
    const other = await createKeyPair();
    const stored = (await storage.findByKid(pair.kid)) as ApiKey;
    await storage.add({ ...stored, publicJwk: other.publicJwk });
    later(CACHE_MS + 1);
    const second = await keys.find(pair.kid);
    expect(second?.key).not.toBe(first?.key);
    expect(second?.key.equals(first?.key ?? second.key)).toBe(false);
  });

  it('stops answering for a key revoked in storage once the cache period is over, and keeps no revoked key', async () => {
    const { storage, pair, store, keys, later } = await setup();
    expect(await keys.find(pair.kid)).toBeDefined();
    await storage.revoke(pair.kid, new Date());
    later(CACHE_MS - 1);
    expect(await keys.find(pair.kid)).toBeDefined();
    later(2);
    expect(await keys.find(pair.kid)).toBeUndefined();
    expect(await keys.find(pair.kid)).toBeUndefined();
    expect(store.reads()).toBe(3);
  });

  it('after forget, reads storage at once, and a read already under way does not fill the cache again', async () => {
    const { storage, pair, store, keys } = await setup();
    expect(await keys.find(pair.kid)).toBeDefined();
    keys.forget(pair.kid);
    store.hold();
    const overtaken = keys.find(pair.kid);
    // Revoked and forgotten while that read (which saw the key unrevoked) is still on its way.
    await storage.revoke(pair.kid, new Date());
    keys.forget(pair.kid);
    store.release();
    expect(await overtaken).toBeDefined();
    expect(await keys.find(pair.kid)).toBeUndefined();
    expect(store.reads()).toBe(3);
  });

  it('keeps no miss: a key registered after an unknown kid was asked for is found at once', async () => {
    const { storage, keys } = await setup();
    const pair = await createKeyPair();
    expect(await keys.find(pair.kid)).toBeUndefined();
    await storage.add({
      kid: pair.kid,
      merchantAccountIds: ['m1'],
      publicJwk: pair.publicJwk,
      createdAt: new Date(),
      revokedAt: null,
    });
    expect((await keys.find(pair.kid))?.merchantAccountIds).toEqual(['m1']);
  });

  it('hands a failed read to the requests that shared it, and the next request reads again', async () => {
    const { pair, keys } = await setup();
    const failing = new RegisteredKeys(
      {
        findByKid: async () => {
          throw new Error('storage is down');
        },
      },
      CACHE_MS,
    );
    const shared = [failing.find(pair.kid), failing.find(pair.kid)];
    for (const answer of shared) await expect(answer).rejects.toThrow('storage is down');
    await expect(failing.find(pair.kid)).rejects.toThrow('storage is down');
    expect(await keys.find(pair.kid)).toBeDefined();
  });
});
