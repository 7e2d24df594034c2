/** autocannon with a progress line, typed to what the benchmarks read. */
// autocannon ships no types; this is the slice we use.
// biome-ignore lint/suspicious/noExplicitAny: untyped CommonJS module
const autocannon: any = require('autocannon');

export interface LoadResult {
  /** autocannon's mean of its per-second buckets. */
  requestsPerSecond: number;
  /** Responses over the measured duration: exact when a load is stopped early. */
  responsesPerSecond: number;
  /** Responses received (any status). */
  total: number;
  /** How long the load ran, s. */
  duration: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
}

export interface LoadOptions {
  url: string;
  connections: number;
  seconds: number;
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  /** Mutates each request (a different transaction id, a fresh Idempotency-Key). */
  setupRequest?: (request: { path: string; headers: Record<string, string> }) => {
    path: string;
    headers: Record<string, string>;
  };
  label: string;
  /** Handed the running instance, e.g. to stop it once a pool of tokens is spent. */
  onStart?: (instance: { stop(): void }) => void;
  /** autocannon's sampling tick (1000 ms); a stop takes effect at the next tick. */
  sampleIntervalMs?: number;
  /** A load that is not HTTP (statements sent from this process) runs itself instead of autocannon. */
  run?: (seconds: number) => Promise<LoadResult>;
}

export function load(options: LoadOptions): Promise<LoadResult> {
  if (options.run) return options.run(options.seconds);
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: options.url,
        connections: options.connections,
        duration: options.seconds,
        method: options.method ?? 'GET',
        headers: options.headers ?? {},
        body: options.body,
        ...(options.sampleIntervalMs ? { sampleInt: options.sampleIntervalMs } : {}),
        ...(options.setupRequest ? { requests: [{ setupRequest: options.setupRequest }] } : {}),
      },
      (
        error: Error | null,
        result: {
          requests: { average: number; total: number };
          duration: number;
          latency: { p50: number; p99: number };
          non2xx: number;
          errors: number;
        },
      ) => {
        clearInterval(progress);
        process.stdout.write('\n');
        if (error) return reject(error);
        resolve({
          requestsPerSecond: result.requests.average,
          responsesPerSecond: result.duration > 0 ? result.requests.total / result.duration : 0,
          total: result.requests.total,
          duration: result.duration,
          p50: result.latency.p50,
          p99: result.latency.p99,
          non2xx: result.non2xx,
          errors: result.errors,
        });
      },
    );
    options.onStart?.(instance);
    let done = 0;
    instance.on('response', () => {
      done++;
    });
    const started = Date.now();
    const progress = setInterval(() => {
      process.stdout.write(
        `\r  ${options.label}: ${((Date.now() - started) / 1000).toFixed(0)}/${options.seconds} s, ${done} requests`,
      );
    }, 500);
  });
}

/**
 * Loads in steps of `stepSeconds` until a step completes at least one request per connection and about as many
 * as the step before (new PostgreSQL backends warm their caches for seconds on a busy machine), `maxSteps` at most.
 */
export async function warmUp(options: LoadOptions, stepSeconds: number, maxSteps = 8): Promise<LoadResult> {
  let previous: LoadResult | undefined;
  for (let step = 1; ; step++) {
    const result = await load({ ...options, seconds: stepSeconds, label: `${options.label} (${step})` });
    const steady = previous && result.total >= options.connections && result.total >= 0.7 * previous.total;
    if (steady || step >= maxSteps) return result;
    previous = result;
  }
}
