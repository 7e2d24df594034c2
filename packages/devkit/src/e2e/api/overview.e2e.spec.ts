import { buyerClicks } from '../../testing/buyer-clicks';
import { eventually } from '../../testing/eventually';
import { createTransactionBody } from '../../testing/requests';
import { e2eStorages, type KessaiWithSandbox, startKessai } from '../../testing/start-kessai';

const storages = e2eStorages();

/** The overview a merchant lands on, read through the API from a few transactions in known states. */
describe.each(storages)('GET /analytics/overview (storage %s)', (storage) => {
  let stack: KessaiWithSandbox;
  /** Kessai's clock runs this far ahead of the wall clock: the last test moves it on to near an approval's end. */
  let aheadMs = 0;
  beforeAll(async () => {
    stack = await startKessai({
      storage,
      sandbox: { checkoutSessionTtlMs: 30 * 60_000 },
      merchants: ['default', 'other'],
      clock: { now: () => new Date(Date.now() + aheadMs) },
    });
  }, 60_000);
  afterAll(async () => {
    await stack?.close();
  });

  const overview = (query = '', headers: Record<string, string> = {}) =>
    stack.call('GET', `/analytics/overview${query}`, { headers });

  async function created() {
    const response = await stack.call('POST', '/transactions', {
      body: createTransactionBody({ payment_service_id: stack.paymentServiceId }),
    });
    expect(response.status).toBe(201);
    return response.body as { id: string; payment_method: { approval_url: string } };
  }
  async function approved() {
    const tx = await created();
    await buyerClicks(tx.payment_method.approval_url, 'approve');
    await eventually(
      () => stack.call('GET', `/transactions/${tx.id}`),
      (r) => r.body.status === 'authorization_succeeded',
    );
    return tx;
  }

  it('counts today and the last 30 Tokyo days, the money states and the approval conversion of known transactions', async () => {
    const refunded = await approved();
    await stack.call('POST', `/transactions/${refunded.id}/capture`, { body: { amount: 7000, final: false } });
    await stack.call('POST', `/transactions/${refunded.id}/refunds`, { body: { amount: 3000 } });
    const captured = await approved();
    await stack.call('POST', `/transactions/${captured.id}/capture`, { body: {} });
    await approved();
    const cancelled = await created();
    expect((await stack.call('POST', `/transactions/${cancelled.id}/cancel`)).status).toBe(200);
    await created();

    const response = await overview();
    expect(response.status).toBe(200);
    const body = response.body;
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Tokyo' }).format(new Date());
    expect(body).toMatchObject({ type: 'analytics-overview', time_zone: 'Asia/Tokyo' });
    expect(body.days).toHaveLength(30);
    expect(body.days.at(-1).date).toBe(today);
    const figures = {
      created_count: 5,
      approved_count: 3,
      authorized_amount: 36_000,
      captured_amount: 19_000,
      refunded_amount: 3_000,
    };
    expect(body.days.at(-1)).toEqual({ date: today, ...figures });
    expect(body.today).toEqual({ ...figures, approval_conversion: 0.6 });
    expect(body.last_30_days).toEqual(body.today);
    expect(body.money_states).toEqual({
      pending: 1,
      uncaptured: 1,
      partially_captured: 0,
      captured: 1,
      partially_refunded: 1,
      refunded: 0,
      voided: 0,
      cancelled: 1,
      failed: 0,
    });
    expect(body.needs_attention).toEqual({
      unknown_outcomes: 0,
      partly_made_refunds: 0,
      expiring_approvals: 0,
      failed_webhook_deliveries: 0,
    });
  }, 60_000);

  it('shows another merchant account none of it, and refuses a time zone it cannot read with the error envelope', async () => {
    const theirs = await overview('', { 'x-gr4vy-merchant-account-id': 'other' });
    expect(theirs.status).toBe(200);
    expect(theirs.body.today).toMatchObject({ created_count: 0, approval_conversion: null });
    expect(Object.values(theirs.body.money_states)).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0]);
    const bad = await overview('?time_zone=Mars%2FOlympus');
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({
      type: 'error',
      code: 'bad_request',
      details: [expect.objectContaining({ location: 'query', pointer: '/time_zone' })],
    });
    const readOnly = await stack.token(['transactions.read']);
    expect((await overview('', { authorization: `Bearer ${readOnly}` })).status).toBe(200);
    const buyersOnly = await stack.token(['buyers.read']);
    expect((await overview('', { authorization: `Bearer ${buyersOnly}` })).status).toBe(403);
  });

  it('counts an approval awaited as about to expire within its last 15 minutes, and lists exactly it', async () => {
    aheadMs = 20 * 60_000;
    expect((await overview()).body.needs_attention.expiring_approvals).toBe(1);
    const listed = await stack.call('GET', '/transactions?attention=expiring_approval');
    expect(listed.status).toBe(200);
    expect(listed.body.items.map((tx: { status: string }) => tx.status)).toEqual(['buyer_approval_pending']);
    expect((await stack.call('GET', '/transactions?attention=unknown_outcome')).body.items).toEqual([]);
    const bad = await stack.call('GET', '/transactions?attention=everything');
    expect(bad.status).toBe(400);
    expect(bad.body.details).toEqual([expect.objectContaining({ location: 'query', pointer: '/attention' })]);
  });
});
