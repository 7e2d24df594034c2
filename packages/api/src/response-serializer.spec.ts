import Fastify from 'fastify';
import { z } from 'zod';
import { responseSerializerCompiler } from './response-serializer';

const schema = z.object({
  id: z.string(),
  amount: z.number().int(),
  note: z.string().nullable(),
  metadata: z.record(z.string(), z.string()).nullable(),
});

async function appReturning(body: unknown, validate: boolean) {
  const app = Fastify();
  app.setSerializerCompiler(responseSerializerCompiler({ validate }));
  app.get('/thing', { schema: { response: { 200: schema } } }, async () => body);
  await app.ready();
  return app;
}

describe('responseSerializerCompiler', () => {
  const good = { id: 'a', amount: 10, note: null, metadata: { k: 'v' } };

  it('writes what a zod parse would, and only the documented fields', async () => {
    const app = await appReturning({ ...good, internal: 'secret' }, false);
    const response = await app.inject({ method: 'GET', url: '/thing' });
    expect(response.statusCode).toBe(200);
    expect(JSON.parse(response.body)).toEqual(schema.parse(good));
    expect(response.body).not.toContain('secret');
  });

  it('with validation on (the tests), a response that drifted from its schema is an error, not a reply', async () => {
    const drifted = { ...good, amount: '10' };
    const checked = await appReturning(drifted, true);
    expect((await checked.inject({ method: 'GET', url: '/thing' })).statusCode).toBe(500);
    // Without it (production), fast-json-stringify writes what the schema says: the presenters are trusted.
    const trusted = await appReturning(drifted, false);
    expect(JSON.parse((await trusted.inject({ method: 'GET', url: '/thing' })).body).amount).toBe(10);
  });
});

describe('responseSerializerCompiler: unions and nullable fields', () => {
  const at = z.iso.datetime().nullable();
  const payment = z.object({
    type: z.literal('payment'),
    id: z.string(),
    paid_at: at,
    tags: z.array(z.string()).nullable(),
  });
  const result = z.object({ type: z.literal('payment-result'), status: z.string(), payment });
  const union = z.union([payment, result]);

  async function written(schema: z.ZodType, body: unknown) {
    const app = Fastify();
    app.setSerializerCompiler(responseSerializerCompiler({ validate: false }));
    app.get('/thing', { schema: { response: { 200: schema } } }, async () => body);
    const response = await app.inject({ method: 'GET', url: '/thing' });
    return { status: response.statusCode, body: response.body };
  }

  const paid = { type: 'payment', id: 'p1', paid_at: '2026-01-02T03:04:05.678Z', tags: ['a'] };
  const unpaid = { type: 'payment', id: 'p2', paid_at: null, tags: null };

  it('writes each member of a union told apart by `type` as a zod parse would, undocumented fields left out', async () => {
    for (const body of [paid, unpaid, { type: 'payment-result', status: 'ok', payment: unpaid }]) {
      const { status, body: text } = await written(union, { ...body, internal: 'secret' });
      expect(status).toBe(200);
      expect(text).toBe(JSON.stringify(union.parse(body)));
    }
  });

  it('still refuses a value that is none of the union’s members', async () => {
    expect((await written(union, { type: 'refund', id: 'r1' })).status).toBe(500);
  });

  it('writes nullable fields, null or not, as the same documents', async () => {
    for (const body of [paid, unpaid]) expect((await written(payment, body)).body).toBe(JSON.stringify(body));
  });
});
