import { FakePaymentConnector } from '@kessai/domain/testing';
import { type Kessai, startKessai } from '../../testing/start-kessai';

/** Shipping details added while their buyer is deleted, on PostgreSQL (where the foreign key decides). */
describe('shipping details racing the removal of their buyer', () => {
  let api: Kessai;
  beforeAll(async () => {
    api = await startKessai({ connector: new FakePaymentConnector(), env: { STORAGE: 'postgres' } });
  }, 60_000);
  afterAll(async () => {
    await api?.close();
  });

  it('answers 201 or a 404 in the error envelope, never a 500', async () => {
    const answers = await Promise.all(
      Array.from({ length: 40 }, async () => {
        const buyer = await api.call('POST', '/buyers', { body: { display_name: 'Hanako' } });
        expect(buyer.status).toBe(201);
        const [added, removed] = await Promise.all([
          api.call('POST', `/buyers/${buyer.body.id}/shipping-details`, { body: { first_name: 'Hanako' } }),
          api.call('DELETE', `/buyers/${buyer.body.id}`),
        ]);
        expect(removed.status).toBe(204);
        if (added.status === 404)
          expect(added.body).toMatchObject({
            type: 'error',
            code: 'not_found',
            status: 404,
            message: expect.stringContaining('buyer'),
          });
        return added.status;
      }),
    );
    expect(answers.filter((status) => status !== 201 && status !== 404)).toEqual([]);
  }, 30_000);
});
