import { InMemoryApiKeyRegistry } from '../in-memory/in-memory-api-key-registry';
import { ManualClock } from '../shared/system-clock';
import type { ApiKeyRegistry } from './api-key-registry';
import { RecordApiKeyUse } from './record-api-key-use';

function setup() {
  const clock = new ManualClock(new Date('2026-03-01T10:00:00.000Z'));
  const apiKeys = new InMemoryApiKeyRegistry();
  const writes: Date[] = [];
  /** One process: its own `RecordApiKeyUse`, the shared storage, every write counted. */
  const process = () =>
    new RecordApiKeyUse({
      apiKeys: {
        recordUse: async (kid: string, at: Date, unlessSince: Date) => {
          const written = await apiKeys.recordUse(kid, at, unlessSince);
          if (written) writes.push(at);
          return written;
        },
      } as Pick<ApiKeyRegistry, 'recordUse'> as ApiKeyRegistry,
      clock,
    });
  return { clock, apiKeys, writes, process };
}

async function addKey(apiKeys: ApiKeyRegistry, at: Date) {
  await apiKeys.add({ kid: 'k', merchantAccountIds: ['m'], publicJwk: {}, createdAt: at, revokedAt: null });
}

describe('a key’s last use', () => {
  it('is written when its token is first accepted, then at most once a minute however busy the key is', async () => {
    const { clock, apiKeys, writes, process } = setup();
    await addKey(apiKeys, clock.now());
    const record = process();
    for (let second = 0; second < 150; second += 1) {
      await record.record('k');
      clock.advance(1_000);
    }
    expect(writes.map((at) => at.toISOString())).toEqual([
      '2026-03-01T10:00:00.000Z',
      '2026-03-01T10:01:00.000Z',
      '2026-03-01T10:02:00.000Z',
    ]);
    expect((await apiKeys.findByKid('k'))?.lastUsedAt).toEqual(new Date('2026-03-01T10:02:00.000Z'));
  });

  it('is written about once a minute in all, however many processes accept the key’s tokens', async () => {
    const { clock, apiKeys, writes, process } = setup();
    await addKey(apiKeys, clock.now());
    const processes = [process(), process(), process()];
    for (let second = 0; second < 90; second += 1) {
      for (const one of processes) await one.record('k');
      clock.advance(1_000);
    }
    expect(writes).toHaveLength(2);
  });
});
