import { randomUUID } from 'node:crypto';
import { Agent, request } from 'undici';
import { networkErrorFrom, SmartpayApiError, SmartpayNetworkError } from './errors';
import { DEFAULT_RETRY, nextRetryDelay, type RetryPolicy } from './retry-policy';

export interface SmartpayClientOptions {
  /** `https://api.smartpay.co/v1` for real Smartpay; the sandbox's `<base>/v1` locally. */
  apiBase?: string;
  connectTimeoutMs?: number;
  /** Per attempt, from sending to the last byte of the answer. */
  totalTimeoutMs?: number;
  retry?: Partial<RetryPolicy>;
}

export interface SmartpayRequest {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  secretKey: string;
  body?: unknown;
  query?: Record<string, string>;
  /** Sent on POST/PUT/PATCH; generated once per call when absent, and the same on every retry of the call. */
  idempotencyKey?: string;
}

/**
 * A small typed client for Smartpay API v1 on undici. `Authorization: Basic <raw secret key>` (Smartpay's own
 * scheme, not base64 of `key:`), JSON both ways, connect and total timeouts, one retry rule. The secret key is
 * passed per call and never stored on the client, so it cannot leak through `toString`, logs or errors.
 */
export class SmartpayClient {
  readonly apiBase: string;
  private readonly dispatcher: Agent;
  private readonly totalTimeoutMs: number;
  private readonly retry: RetryPolicy;

  constructor(options: SmartpayClientOptions = {}) {
    this.apiBase = (options.apiBase ?? 'https://api.smartpay.co/v1').replace(/\/$/, '');
    this.totalTimeoutMs = options.totalTimeoutMs ?? 30_000;
    this.retry = { ...DEFAULT_RETRY, ...options.retry };
    this.dispatcher = new Agent({
      connect: { timeout: options.connectTimeoutMs ?? 5_000 },
      keepAliveTimeout: 10_000,
      connections: 64,
    });
  }

  async send<T = unknown>(call: SmartpayRequest): Promise<T> {
    const writes = call.method !== 'GET' && call.method !== 'DELETE';
    const idempotencyKey = writes ? (call.idempotencyKey ?? randomUUID()) : undefined;
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.once<T>(call, idempotencyKey);
      } catch (error) {
        const delay = nextRetryDelay(error, attempt, this.retry);
        if (delay === null) throw error;
        await new Promise((resolve) => setTimeout(resolve, delay));
      }
    }
  }

  async close(): Promise<void> {
    await this.dispatcher.close();
  }

  toString(): string {
    return `SmartpayClient(${this.apiBase})`;
  }

  private async once<T>(call: SmartpayRequest, idempotencyKey: string | undefined): Promise<T> {
    const url = new URL(`${this.apiBase}${call.path}`);
    for (const [name, value] of Object.entries(call.query ?? {})) url.searchParams.set(name, value);
    const headers: Record<string, string> = { accept: 'application/json', authorization: `Basic ${call.secretKey}` };
    if (call.body !== undefined) headers['content-type'] = 'application/json';
    if (idempotencyKey) headers['idempotency-key'] = idempotencyKey;
    let statusCode: number;
    let text: string;
    try {
      const response = await request(url, {
        method: call.method,
        headers,
        body: call.body === undefined ? null : JSON.stringify(call.body),
        dispatcher: this.dispatcher,
        signal: AbortSignal.timeout(this.totalTimeoutMs),
        headersTimeout: this.totalTimeoutMs,
        bodyTimeout: this.totalTimeoutMs,
      });
      statusCode = response.statusCode;
      text = await response.body.text();
    } catch (error) {
      throw networkErrorFrom(error);
    }
    if (statusCode === 204) return undefined as T;
    let parsed: unknown;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      if (statusCode >= 500) throw new SmartpayApiError(statusCode, 'server.error', text.slice(0, 200));
      throw new SmartpayNetworkError(
        `Smartpay answered ${statusCode} with a body that is not JSON`,
        true,
        'invalid_body',
      );
    }
    if (statusCode >= 200 && statusCode < 300) return parsed as T;
    const body = (parsed ?? {}) as { errorCode?: unknown; message?: unknown; details?: unknown };
    throw new SmartpayApiError(
      statusCode,
      typeof body.errorCode === 'string' ? body.errorCode : statusCode === 401 ? 'unauthorized' : `http.${statusCode}`,
      typeof body.message === 'string' ? body.message : `HTTP ${statusCode}`,
      Array.isArray(body.details) ? body.details : [],
    );
  }
}
