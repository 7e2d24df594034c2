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
