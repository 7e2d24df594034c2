import { createHash } from 'node:crypto';
import type { Clock, IdempotencyScope, IdempotencyStore } from '@kessai/domain';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiError } from './api-error';

declare module 'fastify' {
  interface FastifyRequest {
    idempotency?: { scope: IdempotencyScope; fingerprint: string };
  }
}

/** How long an in-flight request holds its key before a retry may take it over (a crashed process). */
const LEASE_MS = 60_000;

/**
 * `Idempotency-Key` on every POST (Gr4vy §5.1, Stripe): runs after validation, so a request that fails
 * validation stores nothing and may be retried. The first response (success or rule error) is stored and
 * replayed; a concurrent duplicate gets 409 `concurrent_request`; the same key with another request is refused.
 * 5xx answers are not stored: the retry runs again, and derived child ids keep it from charging twice.
 */
export function idempotencyHooks(store: IdempotencyStore, clock: Clock) {
  async function preHandler(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined> {
    const raw = request.headers['idempotency-key'];
    if (raw === undefined || !request.principal) return undefined;
    const key = Array.isArray(raw) ? raw[0] : raw;
    if (!key || key.length > 255 || !/^[\x21-\x7e]+$/.test(key)) {
      throw ApiError.badRequest('Idempotency-Key must be 1–255 visible ASCII characters', [
        { location: 'header', pointer: '/idempotency-key', message: 'invalid Idempotency-Key', type: 'value_error' },
      ]);
    }
    const scope = { merchantAccountId: request.principal.merchantAccountId, key };
    const fingerprint = fingerprintOf(request);
    const begun = await store.begin(scope, fingerprint, clock.now(), LEASE_MS);
    switch (begun.kind) {
      case 'started':
        request.idempotency = { scope, fingerprint };
        return undefined;
      case 'replay':
        reply.code(begun.response.statusCode).headers(begun.response.headers).header('idempotent-replayed', 'true');
        reply.serializer((payload) => String(payload));
        return reply.send(begun.response.body);
      case 'in_flight':
        throw new ApiError(
          409,
          'concurrent_request',
          'a request with this Idempotency-Key is still being processed; retry later',
        );
      case 'mismatch':
        throw new ApiError(409, 'duplicate_record', 'this Idempotency-Key was already used for a different request', [
          {
            location: 'header',
            pointer: '/idempotency-key',
            message: 'key reused with another method, path or body',
            type: 'idempotency_key_reused',
          },
        ]);
    }
  }

  async function onSend(request: FastifyRequest, reply: FastifyReply, payload: unknown): Promise<unknown> {
    const held = request.idempotency;
    if (!held) return payload;
    request.idempotency = undefined;
    if (reply.statusCode >= 500) {
      await store.release(held.scope);
      return payload;
    }
    const contentType = String(reply.getHeader('content-type') ?? 'application/json; charset=utf-8');
    const body = request.routeOptions.config.secretInResponse ? withoutSecret(String(payload ?? '')) : payload;
    await store.complete(
      held.scope,
      held.fingerprint,
      { statusCode: reply.statusCode, body: String(body ?? ''), headers: { 'content-type': contentType } },
      clock.now(),
    );
    return payload;
  }

  return { preHandler, onSend };
}

/** Method + path + the body in canonical form (sorted keys), so formatting differences do not matter. */
function fingerprintOf(request: FastifyRequest): string {
  return createHash('sha256')
    .update(`${request.method} ${request.url.split('?')[0]}\n${canonical(request.body)}`)
    .digest('hex');
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

/** Fields holding a secret shown once: a webhook signing secret, an API key's private key. */
const SECRET_FIELDS = ['secret', 'private_key_pem'];

/** The idempotency store keeps responses in the clear for 24 h, so a secret is never part of one. */
function withoutSecret(body: string): string {
  try {
    const parsed: unknown = JSON.parse(body);
    if (parsed && typeof parsed === 'object' && SECRET_FIELDS.some((field) => field in parsed))
      return JSON.stringify({
        ...parsed,
        ...Object.fromEntries(SECRET_FIELDS.filter((field) => field in parsed).map((field) => [field, null])),
      });
  } catch {
    // not JSON: nothing to hide
  }
  return body;
}
