import { ConcurrencyConflictError } from '../../errors';

/**
 * Re-runs `attempt` when another writer won the race for the same aggregate. Bounded: after `maxAttempts` the
 * conflict surfaces (the API answers 409 and the client retries with its idempotency key).
 */
export async function retryOnConflict<R>(attempt: () => Promise<R>, maxAttempts = 5): Promise<R> {
  for (let round = 1; ; round++) {
    try {
      return await attempt();
    } catch (error) {
      if (!(error instanceof ConcurrencyConflictError) || round >= maxAttempts) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 5 * round));
    }
  }
}
