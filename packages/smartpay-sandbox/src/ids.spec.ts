import { IDEMPOTENCY_TTL_MS, IdempotencyCache } from './idempotency';
import { IdFactory } from './ids';
import { createRandom } from './random';

describe('IdFactory', () => {
  it('makes <prefix>_<mode>_<22 base62> ids and 40-char signing secrets', () => {
    const ids = new IdFactory(createRandom(undefined, 'ids'));
    expect(ids.next('order', 'test')).toMatch(/^order_test_[0-9A-Za-z]{22}$/);
    expect(ids.next('checkout', 'live')).toMatch(/^checkout_live_[0-9A-Za-z]{22}$/);
    expect(ids.signingSecret()).toMatch(/^[A-Za-z0-9]{40}$/);
  });

  it('is reproducible given a seed', () => {
    const run = () => {
      const ids = new IdFactory(createRandom(42, 'ids'));
      return [ids.next('payment', 'test'), ids.signingSecret()];
    };
    expect(run()).toEqual(run());
  });
});

describe('IdempotencyCache', () => {
  it('replays within 6 hours, refuses a different request, forgets afterwards', () => {
    const cache = new IdempotencyCache();
    cache.store('k', 'f1', { status: 200, body: '{}' }, 0);
    expect(cache.lookup('k', 'f1', IDEMPOTENCY_TTL_MS - 1)).toEqual({
      kind: 'replay',
      response: { status: 200, body: '{}' },
    });
    expect(cache.lookup('k', 'f2', 1)).toEqual({ kind: 'conflict' });
    expect(cache.lookup('k', 'f1', IDEMPOTENCY_TTL_MS)).toEqual({ kind: 'miss' });
    expect(cache.size).toBe(0);
  });
});
