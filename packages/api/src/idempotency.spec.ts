import { SystemClock } from '@kessai/domain';
import { InMemoryIdempotencyStore } from '@kessai/domain/in-memory';
import Fastify from 'fastify';
import { ApiError } from './api-error';
import './app';
import { sendApiError } from './connection-guards';
import { idempotencyHooks } from './idempotency';

/** The hooks around a route whose use case writes the key itself (`keyRidesWrites`), with nothing else in the way. */
function appWith(handler: () => Promise<unknown>) {
  const store = new InMemoryIdempotencyStore();
  const hooks = idempotencyHooks(store, new SystemClock());
  const app = Fastify();
  app.addHook('onRequest', async (request) => {
    request.principal = { merchantAccountId: 'm-1', scopes: [], actor: { type: 'api_key', id: 'k' } as never };
  });
  app.addHook('preHandler', hooks.preHandler);
  app.addHook('onSend', hooks.onSend);
  app.setErrorHandler((error, _request, reply) => sendApiError(reply, error as ApiError));
  app.post('/capture', { config: { keyRidesWrites: true } }, handler);
  return { app, store };
}

describe('idempotency hooks on a route whose use case writes the key', () => {
  const scope = { merchantAccountId: 'm-1', key: 'k-1' };

  it('never keeps a 409 as the answer of a key its holder let go meanwhile: the retry runs', async () => {
    let setUp: (() => Promise<void>) | undefined;
    const { app, store } = appWith(async () => {
      await setUp?.();
      throw new ApiError(409, 'concurrent_request', 'a request with this Idempotency-Key is still being processed');
    });
    // The holder fails (a 5xx) and releases the key between this request's refused claim and its look.
    setUp = () => store.release(scope);
    const answer = await app.inject({
      method: 'POST',
      url: '/capture',
      headers: { 'idempotency-key': 'k-1' },
      payload: {},
    });
    expect(answer.statusCode).toBe(409);
    expect(await store.look(scope, 'any', new Date())).toEqual({ kind: 'absent' });
    await app.close();
  });

  it("keeps a rule's refusal as the answer, and replays it", async () => {
    const { app } = appWith(async () => {
      throw ApiError.badRequest('the amount exceeds what is capturable');
    });
    const first = await app.inject({
      method: 'POST',
      url: '/capture',
      headers: { 'idempotency-key': 'k-2' },
      payload: {},
    });
    const again = await app.inject({
      method: 'POST',
      url: '/capture',
      headers: { 'idempotency-key': 'k-2' },
      payload: {},
    });
    expect([first.statusCode, again.statusCode]).toEqual([400, 400]);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body).toBe(first.body);
    await app.close();
  });
});
