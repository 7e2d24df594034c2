import { SmartpayApiError, SmartpayNetworkError } from './errors';
import { nextRetryDelay } from './retry-policy';

const policy = { maxAttempts: 3, baseDelayMs: 200, maxDelayMs: 1000 };

describe('the retry rule', () => {
  it('retries network errors and 500–504, never 4xx or 505+', () => {
    expect(nextRetryDelay(new SmartpayNetworkError('reset', true, 'ECONNRESET'), 1, policy)).not.toBeNull();
    for (const status of [500, 502, 503, 504])
      expect(nextRetryDelay(new SmartpayApiError(status, 'x', 'y'), 1, policy)).not.toBeNull();
    for (const status of [400, 401, 403, 404, 409, 505])
      expect(nextRetryDelay(new SmartpayApiError(status, 'x', 'y'), 1, policy)).toBeNull();
    expect(nextRetryDelay(new Error('bug'), 1, policy)).toBeNull();
  });

  it('is bounded and backs off exponentially with jitter, capped', () => {
    const error = new SmartpayApiError(503, 'x', 'y');
    expect(nextRetryDelay(error, 3, policy)).toBeNull();
    expect(nextRetryDelay(error, 1, policy, () => 0)).toBe(100);
    expect(nextRetryDelay(error, 1, policy, () => 1)).toBe(200);
    expect(nextRetryDelay(error, 2, policy, () => 1)).toBe(400);
    expect(nextRetryDelay(error, 2, { ...policy, maxAttempts: 10, maxDelayMs: 300 }, () => 1)).toBe(300);
  });
});
