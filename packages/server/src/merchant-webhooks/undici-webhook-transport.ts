import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { isIP, type LookupFunction } from 'node:net';
import type { TransportResult, WebhookTransport } from '@kessai/domain';
import { Agent, request } from 'undici';
import { bareHost, isPrivateAddress } from './private-addresses';

/**
 * POSTs merchant webhooks with undici. Unless private targets are allowed, every connection's resolved address is
 * checked again (a name that resolved publicly when the subscription was made may point inside later: DNS
 * rebinding). Redirects are not followed: a 3xx is an answer that is not a 2xx.
 */
export class UndiciWebhookTransport implements WebhookTransport {
  private readonly agent: Agent;

  constructor(private readonly allowPrivate: boolean) {
    this.agent = new Agent({
      connections: 16,
      keepAliveTimeout: 10_000,
      ...(allowPrivate ? {} : { connect: { lookup: publicOnlyLookup } }),
    });
  }

  async post(url: string, headers: Record<string, string>, body: string, timeoutMs: number): Promise<TransportResult> {
    const started = performance.now();
    const elapsed = () => Math.round(performance.now() - started);
    const target = new URL(url);
    const host = bareHost(target);
    if (!this.allowPrivate && isIP(host) && isPrivateAddress(host))
      return { kind: 'no-answer', error: `refused: ${host} is a private address`, durationMs: 0 };
    try {
      const response = await request(target, {
        method: 'POST',
        headers,
        body,
        dispatcher: this.agent,
        headersTimeout: timeoutMs,
        bodyTimeout: timeoutMs,
        signal: AbortSignal.timeout(timeoutMs),
      });
      // Only the status matters; the body is read (bounded) so the connection can be reused.
      await response.body.dump({ limit: 64 * 1024 }).catch(() => undefined);
      return { kind: 'answered', status: response.statusCode, durationMs: elapsed() };
    } catch (error) {
      return { kind: 'no-answer', error: describe(error, timeoutMs), durationMs: elapsed() };
    }
  }

  async close(): Promise<void> {
    await this.agent.close();
  }
}

const publicOnlyLookup: LookupFunction = (hostname, options, callback) => {
  dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
    if (error) return callback(error, '', 0);
    const list = addresses as unknown as LookupAddress[];
    const inside = list.find((entry) => isPrivateAddress(entry.address));
    if (inside) {
      const refused = Object.assign(new Error(`refused: ${hostname} resolves to private address ${inside.address}`), {
        code: 'EKESSAIPRIVATE',
      });
      return callback(refused, '', 0);
    }
    const first = list[0];
    if (options.all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, list);
    return callback(null, first?.address ?? '', first?.family ?? 4);
  });
};

function describe(error: unknown, timeoutMs: number): string {
  const e = error as { name?: string; code?: string; message?: string; cause?: { code?: string; message?: string } };
  if (e.name === 'TimeoutError' || e.code === 'UND_ERR_HEADERS_TIMEOUT' || e.code === 'UND_ERR_BODY_TIMEOUT')
    return `no answer within ${timeoutMs} ms`;
  const code = e.cause?.code ?? e.code;
  const message = e.cause?.message ?? e.message ?? String(error);
  return (code ? `${code}: ${message}` : message).slice(0, 500);
}
