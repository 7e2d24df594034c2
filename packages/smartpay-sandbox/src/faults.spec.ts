import { ApiError } from './errors';
import { FaultRegistry } from './faults';
import { createRandom } from './random';

const registry = (seed: string | number = 'spec') => new FaultRegistry(createRandom(seed, 'faults'));

describe('FaultRegistry', () => {
  it('matches exact paths, :param patterns and ^regex, then runs out after `times`', () => {
    const faults = registry();
    faults.add({ match: { method: 'POST', path: '/v1/payments' }, kind: 'drop', times: 2 });
    faults.add({ match: { path: '/v1/orders/:id/cancellation' }, kind: 'status', status: 503 });
    faults.add({ match: { path: '^/v1/refunds' }, kind: 'latency', ms: 5 });
    expect(faults.takeHttp('GET', '/v1/payments')).toBeUndefined();
    expect(faults.takeHttp('post', '/v1/payments')?.kind).toBe('drop');
    expect(faults.takeHttp('POST', '/v1/payments')?.remaining).toBe(0);
    expect(faults.takeHttp('POST', '/v1/payments')).toBeUndefined();
    expect(faults.takeHttp('PUT', '/v1/orders/order_test_x/cancellation')).toMatchObject({ status: 503 });
    expect(faults.takeHttp('GET', '/v1/refunds/refund_test_1')).toMatchObject({ kind: 'latency', ms: 5 });
    expect(faults.list()).toEqual([]);
  });

  it('applies defaults and refuses invalid rules with request.invalid', () => {
    const faults = registry();
    expect(faults.add({ match: { path: '/v1/orders' }, kind: 'status' })).toMatchObject({
      status: 500,
      times: 1,
      remaining: 1,
      probability: 1,
    });
    expect(() => faults.add({ match: { path: '/x' }, kind: 'status', status: 404 })).toThrow(ApiError);
    expect(() => faults.add({ match: { path: '^(' }, kind: 'drop' })).toThrow(ApiError);
    expect(() => faults.add({ webhook: {}, kind: 'explode' })).toThrow(ApiError);
  });

  it('selects webhook rules by event type', () => {
    const faults = registry();
    faults.add({ webhook: { type: 'refund.created' }, kind: 'delay', ms: 10 });
    faults.add({ webhook: {}, kind: 'duplicate' });
    expect(faults.takeWebhook('order.authorized')?.kind).toBe('duplicate');
    expect(faults.takeWebhook('refund.created')).toMatchObject({ kind: 'delay', ms: 10 });
    expect(faults.takeWebhook('refund.created')).toBeUndefined();
  });

  it('draws probabilistic faults deterministically from the seed', () => {
    const draws = (seed: string) => {
      const faults = registry(seed);
      faults.add({ match: { path: '/v1/orders' }, kind: 'drop', times: 1000, probability: 0.5 });
      return Array.from({ length: 40 }, () => (faults.takeHttp('GET', '/v1/orders') ? 1 : 0)).join('');
    };
    expect(draws('a')).toBe(draws('a'));
    expect(draws('a')).not.toBe(draws('b'));
    expect(draws('a')).toMatch(/1/);
    expect(draws('a')).toMatch(/0/);
  });
});
