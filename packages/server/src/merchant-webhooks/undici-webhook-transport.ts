import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { isIP, type LookupFunction } from 'node:net';
import { RESPONSE_EXCERPT_CHARS, type TransportResult, type WebhookTransport } from '@kessai/domain';
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
      const bodyExcerpt = await excerptOf(response.body);
      return { kind: 'answered', status: response.statusCode, durationMs: elapsed(), bodyExcerpt };
    } catch (error) {
      return { kind: 'no-answer', error: describe(error, timeoutMs), durationMs: elapsed() };
    }
  }

  async close(): Promise<void> {
    await this.agent.close();
  }
}

/** UTF-8 takes at most 4 bytes a character: this many bytes hold the excerpt the sender keeps. */
const EXCERPT_BYTES = RESPONSE_EXCERPT_CHARS * 4;
/** Past this the answer is dropped unread and its connection closed rather than reused. */
const DRAIN_BYTES = 64 * 1024;

/**
 * The start of the answer's body as text; the rest is read (bounded) so the connection can be reused. A body that
 * fails midway keeps what came.
 */
async function excerptOf(body: AsyncIterable<Buffer> & { destroy(): unknown }): Promise<string> {
  const kept: Buffer[] = [];
  let keptBytes = 0;
  let read = 0;
  try {
    for await (const chunk of body) {
      read += chunk.length;
      if (keptBytes < EXCERPT_BYTES) {
        const part = chunk.subarray(0, EXCERPT_BYTES - keptBytes);
        kept.push(part);
        keptBytes += part.length;
      }
      if (read > DRAIN_BYTES) {
        body.destroy();
        break;
      }
    }
  } catch {
    // What came before the failure is still worth showing.
  }
  return Buffer.concat(kept).toString('utf8');
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
