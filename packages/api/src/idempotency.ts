import { createHash } from 'node:crypto';
import type {
  Clock,
  IdempotencyBeginResult,
  IdempotencyScope,
  IdempotencyStore,
  IdempotentRequest,
  StoredResponse,
} from '@kessai/domain';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiError } from './api-error';

/** A request's key: taken by the hooks, or riding the use case's writes (`rides`). */
interface HeldKey {
  scope: IdempotencyScope;
  fingerprint: string;
  now: Date;
  /** `answer`: what the use case last wrote as the answer; `sent`: it was stored and is what goes out. */
  rides?: { taken: boolean; answer?: StoredResponse; sent?: boolean };
}

declare module 'fastify' {
  interface FastifyRequest {
    idempotency?: HeldKey;
  }
}

const JSON_TYPE = 'application/json; charset=utf-8';

/** How long an in-flight request holds its key before a retry may take it over (a crashed process). */
const LEASE_MS = 60_000;

/**
 * `Idempotency-Key` on every POST (Gr4vy §5.1, Stripe): runs after validation, so a request that fails
 * validation stores nothing and may be retried. The first response (success or rule error) is stored and
 * replayed; a concurrent duplicate gets 409 `concurrent_request`; the same key with another request is refused.
 * 5xx answers are not stored: the retry runs again, and derived child ids keep it from charging twice.
 * On routes whose use case writes the key and the answer itself (`keyRidesWrites`: capture, refund, void) nothing
 * is written here first: the key rides the reservation's commit and the answer the outcome's. A request that wrote
 * nothing (refused by a rule, or its key held) has its key looked at on the way out, where a replay, a request in
 * flight or a reused key answers as above.
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
    const now = clock.now();
    if (request.routeOptions.config.keyRidesWrites) {
      request.idempotency = { scope, fingerprint, now, rides: { taken: false } };
      return undefined;
    }
    const begun = await store.begin(scope, fingerprint, now, LEASE_MS);
    if (begun.kind === 'started') {
      request.idempotency = { scope, fingerprint, now };
      return undefined;
    }
    if (begun.kind === 'replay') {
      replayed(reply, begun.response);
      reply.serializer((payload) => String(payload));
      return reply.send(begun.response.body);
    }
    throw refusal(begun);
  }

  async function onSend(request: FastifyRequest, reply: FastifyReply, payload: unknown): Promise<unknown> {
    const held = request.idempotency;
    if (!held) return payload;
    request.idempotency = undefined;
    const rides = held.rides;
    if (rides?.sent) return payload; // kept with the outcome's write: the payload is that answer
    if (rides && !rides.taken) return untouched(held, reply, payload);
    if (reply.statusCode >= 500) {
      await store.release(held.scope);
      return payload;
    }
    await keep(held, reply, payload, request.routeOptions.config.secretInResponse === true);
    return payload;
  }

  /**
   * A riding key the use case never wrote: the request is a replay or refused when the key is there (looked at: a
   * read); else the key is taken now with the answer (a rule's refusal).
   */
  async function untouched(held: HeldKey, reply: FastifyReply, payload: unknown): Promise<unknown> {
    if (reply.statusCode >= 500) return payload;
    const seen = await store.look(held.scope, held.fingerprint, clock.now());
    // A 409 says "retry" (the key was held, or the write kept conflicting), never what the key answers for good: a
    // holder that let the key go since must not leave this refusal as its stored answer.
    if (seen.kind === 'absent' && reply.statusCode === 409) return payload;
    const begun =
      seen.kind === 'absent' ? await store.begin(held.scope, held.fingerprint, clock.now(), LEASE_MS) : seen;
    if (begun.kind === 'started') {
      await keep(held, reply, payload, false);
      return payload;
    }
    if (begun.kind === 'replay') {
      replayed(reply, begun.response);
      return begun.response.body;
    }
    const error = refusal(begun);
    reply.code(error.status).type(JSON_TYPE);
    return JSON.stringify(error.toBody());
  }

  async function keep(held: HeldKey, reply: FastifyReply, payload: unknown, secret: boolean): Promise<void> {
    const contentType = String(reply.getHeader('content-type') ?? JSON_TYPE);
    const body = secret ? withoutSecret(String(payload ?? '')) : payload;
    const response = {
      statusCode: reply.statusCode,
      body: String(body ?? ''),
      headers: { 'content-type': contentType },
    };
    await store.complete(held.scope, held.fingerprint, response, clock.now());
  }

  return { preHandler, onSend };
}

/**
 * The key and the answer for a use case that writes them itself (a route with `keyRidesWrites`); undefined when
 * the request has no key. `render` gives the route's answer for the use case's result (status and body), or
 * undefined when it is not kept that way (the hooks keep it, or not, on the way out). The kept answer is the one
 * the route must send (`sendKept`).
 */
export function ridingRequest<R>(
  request: FastifyRequest,
  reply: FastifyReply,
  render: (result: R) => { statusCode: number; body: unknown } | undefined,
): IdempotentRequest<R> | undefined {
  const held = request.idempotency;
  const rides = held?.rides;
  if (!held || !rides) return undefined;
  const taken = () => {
    rides.taken = true;
  };
  return {
    claim: { scope: held.scope, fingerprint: held.fingerprint, now: held.now, leaseMs: LEASE_MS, taken },
    answer: (result) => {
      const rendered = render(result);
      if (!rendered) return undefined;
      reply.code(rendered.statusCode);
      const body = String(reply.serialize(rendered.body));
      const answer = { statusCode: rendered.statusCode, body, headers: { 'content-type': JSON_TYPE } };
      rides.answer = answer;
      return answer;
    },
  };
}

/**
 * Sends the answer the use case kept for the request, byte for byte; undefined when it kept none. Called once the
 * use case returned, so the write that kept it is stored (an answer made in a write that failed is never sent).
 */
export function sendKept(request: FastifyRequest, reply: FastifyReply): FastifyReply | undefined {
  const rides = request.idempotency?.rides;
  const answer = rides?.answer;
  if (!rides || !answer) return undefined;
  rides.sent = true;
  return reply
    .code(answer.statusCode)
    .type(answer.headers['content-type'] ?? JSON_TYPE)
    .serializer((payload) => String(payload))
    .send(answer.body);
}

function replayed(reply: FastifyReply, response: StoredResponse): void {
  reply.code(response.statusCode).headers(response.headers).header('idempotent-replayed', 'true');
}

function refusal(begun: Exclude<IdempotencyBeginResult, { kind: 'started' | 'replay' }>): ApiError {
  if (begun.kind === 'in_flight')
    return new ApiError(
      409,
      'concurrent_request',
      'a request with this Idempotency-Key is still being processed; retry later',
    );
  return new ApiError(409, 'duplicate_record', 'this Idempotency-Key was already used for a different request', [
    {
      location: 'header',
      pointer: '/idempotency-key',
      message: 'key reused with another method, path or body',
      type: 'idempotency_key_reused',
    },
  ]);
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
