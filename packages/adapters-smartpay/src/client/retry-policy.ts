import { SmartpayApiError, SmartpayNetworkError } from './errors';

export interface RetryPolicy {
  /** Total attempts, the first included. */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 3, baseDelayMs: 200, maxDelayMs: 2_000 };

/**
 * The one retry rule (stripe-node style): network errors and 500–504 are retried, with the same Idempotency-Key,
 * a bounded number of times after a jittered exponential back-off; every other answer is final. Returns the delay
 * before the next attempt, or null when there is none.
 */
export function nextRetryDelay(
  error: unknown,
  attempt: number,
  policy: RetryPolicy,
  random: () => number = Math.random,
): number | null {
  if (attempt >= policy.maxAttempts) return null;
  const retryable =
    error instanceof SmartpayNetworkError ||
    (error instanceof SmartpayApiError && error.statusCode >= 500 && error.statusCode <= 504);
  if (!retryable) return null;
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}
