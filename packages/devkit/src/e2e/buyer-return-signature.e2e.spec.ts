import { buyerReturnLink } from '@kessai/api';
import { FakePaymentConnector, smartpayService } from '@kessai/domain/testing';
import { createTransactionBody } from '../testing/requests';
import { type Kessai, startKessai } from '../testing/start-kessai';

/** The way back to the merchant is no open redirect: only the signed link Kessai gave the provider leads on. */
describe("the buyer's way back is signed for its transaction", () => {
  let api: Kessai;
  beforeAll(async () => {
    api = await startKessai({ connector: new FakePaymentConnector() });
    await api.services.paymentServices.add(smartpayService({ merchantAccountId: 'default' }));
  });
  afterAll(() => api.close());

  const create = async () =>
    (await api.call('POST', '/transactions', { body: createTransactionBody() })).body as { id: string };
  const follow = (link: string) => fetch(link.replace(api.services.publicBaseUrl, api.baseUrl), { redirect: 'manual' });

  it("the signed link redirects to the merchant's redirect_url", async () => {
    const tx = await create();
    const back = await follow(
      buyerReturnLink(api.services.publicBaseUrl, api.services.returnLinks, { ...tx, merchantAccountId: 'default' }),
    );
    expect(back.status).toBe(303);
    expect(back.headers.get('location')).toMatch(/^https:\/\/shop\.example\.jp\/return\?transaction_id=/);
  });

  it('a transaction id alone, a made-up signature or another transaction’s is a 404 with no redirect', async () => {
    const [tx, other] = [await create(), await create()];
    const link = (id: string) =>
      buyerReturnLink(api.services.publicBaseUrl, api.services.returnLinks, { id, merchantAccountId: 'default' });
    const signatureOf = (id: string) => new URL(link(id)).searchParams.get('signature') ?? '';
    const base = `${api.baseUrl}/transactions/${tx.id}/return?merchant_account_id=default`;
    for (const attempt of [base, `${base}&signature=forged`, `${base}&signature=${signatureOf(other.id)}`]) {
      const response = await fetch(attempt, { redirect: 'manual' });
      expect({ attempt, status: response.status, location: response.headers.get('location') }).toEqual({
        attempt,
        status: 404,
        location: null,
      });
    }
  });
});
