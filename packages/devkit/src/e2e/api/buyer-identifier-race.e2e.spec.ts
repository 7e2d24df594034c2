import { FakePaymentConnector } from '@kessai/domain/testing';
import { type Kessai, startKessai } from '../../testing/start-kessai';

/** Buyers created at once with one external identifier, on both storages (where the unique index decides). */
describe.each(['memory', 'postgres'])('buyers racing for one external identifier (%s storage)', (storage) => {
  let api: Kessai;
  beforeAll(async () => {
    api = await startKessai({ connector: new FakePaymentConnector(), env: { STORAGE: storage } });
  }, 60_000);
  afterAll(async () => {
    await api?.close();
  });

  it('stores exactly one; every other create gets 409 duplicate_record naming the buyer that won', async () => {
    const answers = await Promise.all(
      Array.from({ length: 30 }, () => api.call('POST', '/buyers', { body: { external_identifier: 'cust-race' } })),
    );
    const created = answers.filter((answer) => answer.status === 201);
    expect(created).toHaveLength(1);
    const refusal = {
      type: 'error',
      code: 'duplicate_record',
      status: 409,
      message: 'a buyer with external_identifier cust-race already exists',
      details: [],
      resource_id: created[0]?.body.id,
    };
    for (const { status, body } of answers.filter((answer) => answer.status !== 201))
      expect({ status, body }).toEqual({ status: 409, body: refusal });
    const listed = await api.call('GET', '/buyers?external_identifier=cust-race');
    expect(listed.body.items.map((buyer: { id: string }) => buyer.id)).toEqual([created[0]?.body.id]);
  }, 30_000);
});
