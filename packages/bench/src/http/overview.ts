import type { ScaledMerchant } from './listing';
import { load } from './load';

/**
 * GET /analytics/overview over a merchant of `scaled.count` transactions, every one of them created within the
 * overview's 30 days (one a second back from now), so the whole merchant is aggregated on every request. Two
 * connections: it is a page a person opens and re-reads every 30 s, not a hot path.
 */
export async function overviewLatency(
  seconds: number,
  api: string,
  headers: Record<string, string>,
  scaled: ScaledMerchant,
): Promise<{ p50: number; p99: number }> {
  const response = await fetch(`${api}/analytics/overview`, { headers: scaled.headers });
  const body = (await response.json()) as { last_30_days?: { created_count: number } };
  if (body.last_30_days?.created_count !== scaled.count)
    throw new Error(`the overview counted ${body.last_30_days?.created_count} of ${scaled.count}`);
  const result = await load({
    label: `GET /analytics/overview at ${scaled.count}`,
    url: api,
    connections: 2,
    seconds: Math.max(3, seconds / 2),
    headers: { ...headers, ...scaled.headers },
    setupRequest: (request) => ({ ...request, path: '/analytics/overview' }),
  });
  return { p50: result.p50, p99: result.p99 };
}
