import { createHash } from 'node:crypto';
import { authenticate } from './auth';
import type { SandboxCore } from './core';
import { ApiError, malformedRequest } from './errors';
import { emptyResponse, type HttpResponse, jsonResponse } from './http/io';
import { Router } from './http/router';
import type { StoredResponse } from './idempotency';
import { registerCheckoutSessionRoutes } from './routes/checkout-sessions';
import { registerOrderRoutes } from './routes/orders';
import { registerPaymentRoutes } from './routes/payments';
import { registerRefundRoutes } from './routes/refunds';
import type { ApiHandler, ApiResult } from './routes/types';
import { registerWebhookEndpointRoutes } from './routes/webhook-endpoints';

export interface IncomingApiRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: Record<string, string | string[] | undefined>;
  rawBody: Buffer;
}

const router = new Router<ApiHandler>();
registerCheckoutSessionRoutes(router);
registerOrderRoutes(router);
registerPaymentRoutes(router);
registerRefundRoutes(router);
registerWebhookEndpointRoutes(router);

const IDEMPOTENT_METHODS = new Set(['POST', 'PUT', 'PATCH']);

/** The /v1 pipeline: auth → route → idempotency → decode → handler, all synchronous. */
export function handleApi(core: SandboxCore, request: IncomingApiRequest): HttpResponse {
  const credentials = authenticate(header(request, 'authorization'), core.options.secretKeys);
  if (credentials instanceof ApiError) {
    return jsonResponse(401, credentials.toBody(), { 'WWW-Authenticate': 'Basic realm="Smartpay"' });
  }
  const route = router.find(request.method, request.path);
  if (!route) return errorResponse(new ApiError(404, 'route.not-found', `No route ${request.method} ${request.path}`));
  if (route.kind === 'method-not-allowed') {
    return errorResponse(new ApiError(405, 'request.method-not-allowed', `${request.method} is not allowed here`));
  }
  const partition = core.store.partition(credentials.secretKey, credentials.mode);
  const key = IDEMPOTENT_METHODS.has(request.method) ? header(request, 'idempotency-key') : undefined;
  const fingerprint = key && fingerprintOf(request);
  if (key && fingerprint) {
    const found = partition.idempotency.lookup(key, fingerprint, core.now());
    if (found.kind === 'replay') return fromStored(found.response, { 'Idempotency-Replayed': 'true' });
    if (found.kind === 'conflict') {
      return errorResponse(
        new ApiError(409, 'request.idempotency-key-reused', 'This Idempotency-Key was used with a different request'),
      );
    }
  }
  const result = run(() => {
    const body = decodeJson(request.rawBody);
    return route.handler({ core, partition, params: route.params, query: request.query, body });
  });
  const stored: StoredResponse = { status: result.status, body: stringify(result) };
  // 5xx are not remembered, so a retry with the same key gets a real second chance.
  if (key && fingerprint && result.status < 500) partition.idempotency.store(key, fingerprint, stored, core.now());
  return fromStored(stored);
}

function run(handler: () => ApiResult): ApiResult {
  try {
    return handler();
  } catch (error) {
    if (error instanceof ApiError) return { status: error.statusCode, body: error.toBody() };
    const message = error instanceof Error ? error.message : String(error);
    return { status: 500, body: new ApiError(500, 'unexpected_error', message).toBody() };
  }
}

function decodeJson(raw: Buffer): unknown {
  if (raw.length === 0) return undefined;
  try {
    return JSON.parse(raw.toString('utf8'));
  } catch (error) {
    throw malformedRequest(error instanceof Error ? error.message : 'invalid JSON');
  }
}

function fingerprintOf(request: IncomingApiRequest): string {
  return createHash('sha256').update(`${request.method} ${request.path}\n`).update(request.rawBody).digest('hex');
}

const stringify = (result: ApiResult): string | undefined =>
  result.body === undefined ? undefined : JSON.stringify(result.body);

function fromStored(stored: StoredResponse, headers: Record<string, string> = {}): HttpResponse {
  if (stored.body === undefined) return { ...emptyResponse(stored.status), headers };
  return {
    status: stored.status,
    headers: { 'Content-Type': 'application/json; charset=utf-8', ...headers },
    body: stored.body,
  };
}

const errorResponse = (error: ApiError): HttpResponse => jsonResponse(error.statusCode, error.toBody());

function header(request: IncomingApiRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}
