import {
  type ConnectorAccount,
  type ConnectorOutcome,
  ORDER_NOT_FOUND,
  SMARTPAY_CAPABILITIES,
  Transaction,
} from '@kessai/domain';
import { newTransactionInput } from '@kessai/domain/testing';
import { type RunningSandbox, startSandbox } from '@kessai/smartpay-sandbox';
import { SmartpayApiError } from './client/errors';
import { SmartpayPaymentConnector } from './smartpay-payment-connector';

/** The connector against the local sandbox over real HTTP: the same code that talks to api.smartpay.co. */
describe('SmartpayPaymentConnector against the sandbox', () => {
  let sandbox: RunningSandbox;
  let connector: SmartpayPaymentConnector;
  let account: ConnectorAccount;
  const now = () => new Date();

  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0 });
    connector = new SmartpayPaymentConnector({
      apiBase: sandbox.apiBase,
      totalTimeoutMs: 1_500,
      retry: { maxAttempts: 3, baseDelayMs: 20, maxDelayMs: 50 },
    });
  });
  beforeEach(() => {
    account = {
      paymentServiceId: 'ps',
      credentials: { secretKey: `sk_test_${Math.random().toString(36).slice(2)}`, webhookSigningSecret: 'x' },
    };
  });
  afterEach(() => sandbox.control.clearFaults());
  afterAll(async () => {
    await connector.client.close();
    await sandbox.stop();
  });

  const value = <T>(outcome: ConnectorOutcome<T>): T => {
    if (outcome.kind !== 'succeeded') throw new Error(`expected success, got ${JSON.stringify(outcome)}`);
    return outcome.value;
  };

  async function approved(overrides: Parameters<typeof newTransactionInput>[0] = {}) {
    const tx = Transaction.create(newTransactionInput(overrides), SMARTPAY_CAPABILITIES, now()).state.details;
    const started = value(await connector.createApproval(account, tx));
    sandbox.control.approve(started.providerSessionId);
    return { tx, orderId: started.providerOrderId, started };
  }
  const capture = (orderId: string, amount: number, final: boolean, captureId = `cap-${Math.random()}`) =>
    connector.capture(account, {
      providerOrderId: orderId,
      captureId,
      amount,
      currency: 'JPY',
      final,
      idempotencyKey: `key-${captureId}`,
    });
  const refund = (orderId: string, amount: number, refundId = `ref-${Math.random()}`) =>
    connector.refund(account, {
      providerOrderId: orderId,
      refundId,
      amount,
      currency: 'JPY',
      reason: 'requested_by_customer',
      idempotencyKey: `key-${refundId}`,
    });

  it('runs the lifecycle: approve → partial capture → final capture → partial refund → refund the rest', async () => {
    const { orderId, started } = await approved();
    expect(started.approvalUrl).toMatch(new RegExp(`/checkout/${started.providerSessionId}`));
    expect(value(await connector.fetchStatus(account, orderId)).status).toBe('authorized');
    value(await capture(orderId, 3000, false, 'cap-1'));
    value(await capture(orderId, 5000, true, 'cap-2'));
    const afterCapture = value(await connector.fetchStatus(account, orderId));
    expect(afterCapture).toMatchObject({ status: 'completed', rawStatus: 'succeeded' });
    expect(afterCapture.payments.map((p) => [p.amount, p.reference])).toEqual([
      [3000, 'cap-1'],
      [5000, 'cap-2'],
    ]);
    value(await refund(orderId, 4000, 'ref-1')); // split: 3000 from the first payment, 1000 from the second
    value(await refund(orderId, 4000, 'ref-2'));
    const final = value(await connector.fetchStatus(account, orderId));
    expect(
      final.refunds
        .filter((r) => r.reference === 'ref-1')
        .map((r) => r.amount)
        .sort(),
    ).toEqual([1000, 3000]);
    expect(sandbox.control.order(orderId).totals).toMatchObject({ capturedAmount: 8000, refundedAmount: 8000 });
    expect((await refund(orderId, 1)).kind).toBe('failed');
  });

  it('spreads a refund anew when a concurrent refund took the remainder of the payment it split onto', async () => {
    const { orderId } = await approved({ amount: 2000, cartItems: [] });
    value(await capture(orderId, 1000, false));
    value(await capture(orderId, 1000, true));
    // Both read the order before either refunds, so both split 800 onto the first payment; one finds 200 left.
    sandbox.control.addFault({ match: { method: 'POST', path: '/v1/refunds' }, times: 2, kind: 'latency', ms: 150 });
    const [a, b] = await Promise.all([refund(orderId, 800, 'ref-a'), refund(orderId, 800, 'ref-b')]);
    expect([a.kind, b.kind]).toEqual(['succeeded', 'succeeded']);
    const final = value(await connector.fetchStatus(account, orderId));
    const parts = (reference: string) => final.refunds.filter((r) => r.reference === reference).map((r) => r.amount);
    expect([parts('ref-a'), parts('ref-b')].map((amounts) => amounts.reduce((x, y) => x + y, 0))).toEqual([800, 800]);
    expect(sandbox.control.order(orderId).totals).toMatchObject({ refundedAmount: 1600 });
  });

  it('150 concurrent refunds taking every yen of 5 partial captures all go through: none declined while the order has room', async () => {
    const { orderId } = await approved({ amount: 15_000, cartItems: [] });
    for (let i = 0; i < 5; i++) value(await capture(orderId, 3000, i === 4));
    // Each refund call is slow at Smartpay, as under load: every reading of the order is soon out of date.
    sandbox.control.addFault({
      match: { method: 'POST', path: '/v1/refunds' },
      times: 10_000,
      kind: 'latency',
      ms: 25,
    });
    const amounts = Array.from({ length: 150 }, (_, i) => (i % 2 ? 60 : 140));
    const outcomes = await Promise.all(amounts.map((amount, i) => refund(orderId, amount, `burst-${i}`)));
    expect(outcomes.filter((outcome) => outcome.kind !== 'succeeded')).toEqual([]);
    expect(sandbox.control.order(orderId).totals).toMatchObject({ capturedAmount: 15_000, refundedAmount: 15_000 });
    sandbox.control.clearFaults();
  }, 90_000);

  it('keeps spreading a refund anew while concurrent refunds keep winning the payment it chose, well past a few rounds', async () => {
    const { orderId } = await approved({ amount: 3000, cartItems: [] });
    for (let i = 0; i < 3; i++) value(await capture(orderId, 1000, i === 2));
    // Twelve collisions in a row, as the losing refunds of a 150-way burst meet: each answered as Smartpay does.
    const send = connector.client.send.bind(connector.client);
    let collisions = 12;
    const spy = jest.spyOn(connector.client, 'send').mockImplementation(async (request) => {
      if (request.method === 'POST' && request.path === '/refunds' && collisions-- > 0)
        throw new SmartpayApiError(403, 'amount.insufficient', 'The requested amount exceeds the refundable amount');
      return send(request);
    });
    try {
      expect((await refund(orderId, 2500, 'persistent')).kind).toBe('succeeded');
    } finally {
      spy.mockRestore();
    }
    expect(sandbox.control.order(orderId).totals).toMatchObject({ refundedAmount: 2500 });
  });

  describe('a refund an earlier call left partly made', () => {
    /** Two payments of 1000, and the first part (1000 from the first payment) of a 1500 refund `ref-x`. */
    async function partlyRefunded() {
      const { orderId } = await approved({ amount: 2000, cartItems: [] });
      value(await capture(orderId, 1000, false));
      value(await capture(orderId, 1000, true));
      const [first, second] = value(await connector.fetchStatus(account, orderId)).payments;
      await connector.client.send({
        method: 'POST',
        path: '/refunds',
        secretKey: account.credentials.secretKey ?? '',
        idempotencyKey: 'first-part',
        body: {
          payment: first?.providerPaymentId,
          amount: 1000,
          currency: 'JPY',
          reason: 'requested_by_customer',
          reference: 'ref-x',
        },
      });
      return { orderId, second: second?.providerPaymentId ?? '' };
    }
    const parts = async (orderId: string, reference: string) =>
      value(await connector.fetchStatus(account, orderId))
        .refunds.filter((r) => r.reference === reference)
        .map((r) => r.amount);

    it('counts the parts made under the refund id and sends only the rest, once', async () => {
      const { orderId } = await partlyRefunded();
      const done = value(await refund(orderId, 1500, 'ref-x'));
      expect(done.providerRefundIds).toHaveLength(2);
      expect((await parts(orderId, 'ref-x')).sort()).toEqual([1000, 500]);
      // Called again (another attempt, another key): nothing is left to send.
      const again = await connector.refund(account, {
        providerOrderId: orderId,
        refundId: 'ref-x',
        amount: 1500,
        currency: 'JPY',
        reason: null,
        idempotencyKey: 'another-attempt',
      });
      expect(value(again).providerRefundIds.sort()).toEqual(done.providerRefundIds.sort());
      expect(sandbox.control.order(orderId).totals).toMatchObject({ refundedAmount: 1500 });
    });

    it('answers failed, having made no part, when the payments no longer hold the rest', async () => {
      const { orderId } = await partlyRefunded();
      value(await refund(orderId, 1000, 'ref-y'));
      const outcome = await refund(orderId, 1500, 'ref-x');
      expect(outcome).toMatchObject({ kind: 'failed', code: 'amount.insufficient' });
      expect(await parts(orderId, 'ref-x')).toEqual([1000]);
      expect(sandbox.control.order(orderId).totals).toMatchObject({ refundedAmount: 2000 });
    });

    it('starts no part after its deadline, so a call that stopped has surely ended when Kessai sends the rest', async () => {
      const { orderId } = await approved({ amount: 2000, cartItems: [] });
      value(await capture(orderId, 1000, false));
      value(await capture(orderId, 1000, true));
      const hurried = new SmartpayPaymentConnector({ apiBase: sandbox.apiBase, refundDeadlineMs: 100 });
      sandbox.control.addFault({ match: { method: 'POST', path: '/v1/refunds' }, times: 1, kind: 'latency', ms: 250 });
      const stopped = await hurried.refund(account, {
        providerOrderId: orderId,
        refundId: 'ref-slow',
        amount: 1500,
        currency: 'JPY',
        reason: null,
        idempotencyKey: 'slow',
      });
      await hurried.client.close();
      expect(stopped).toMatchObject({ kind: 'unknown', reason: expect.stringContaining('partly refunded') });
      expect(await parts(orderId, 'ref-slow')).toEqual([1000]);
      value(await refund(orderId, 1500, 'ref-slow'));
      expect((await parts(orderId, 'ref-slow')).sort()).toEqual([1000, 500]);
    });
  });

  it('voids an authorized order', async () => {
    const { orderId } = await approved();
    value(await connector.void(account, { providerOrderId: orderId, idempotencyKey: `void-${orderId}` }));
    expect(value(await connector.fetchStatus(account, orderId)).status).toBe('canceled');
  });

  it('maps Smartpay refusals to declines and bad requests to failures', async () => {
    const { orderId } = await approved({ amount: 1000 });
    expect(await capture(orderId, 1001, false)).toMatchObject({ kind: 'declined', code: 'payment.excessive-amount' });
    value(await capture(orderId, 1000, true));
    expect(await capture(orderId, 1, true)).toMatchObject({ kind: 'declined', code: 'order.cannot-capture' });
    expect(await connector.void(account, { providerOrderId: orderId, idempotencyKey: 'v' })).toMatchObject({
      kind: 'declined',
      code: 'order.cannot-cancel',
    });
    expect(await capture('order_test_doesnotexist000000', 1, true)).toMatchObject({
      kind: 'failed',
      code: 'order.not-found',
    });
    expect(await connector.fetchStatus(account, 'order_test_doesnotexist000000')).toMatchObject({
      kind: 'failed',
      code: ORDER_NOT_FOUND,
    });
    const badKey = { ...account, credentials: { secretKey: 'not-a-key' } };
    expect(await connector.fetchStatus(badKey, orderId)).toMatchObject({ kind: 'failed', code: 'unauthorized' });
  });

  it('retries a 5xx with the same Idempotency-Key: one payment, not two', async () => {
    const { orderId } = await approved();
    sandbox.control.addFault({
      match: { method: 'POST', path: '/v1/payments' },
      times: 2,
      kind: 'status',
      status: 503,
    });
    value(await capture(orderId, 2000, false, 'cap-5xx'));
    expect(value(await connector.fetchStatus(account, orderId)).payments).toHaveLength(1);
  });

  it('reports an accepted-but-unanswered capture as unknown; a later fetch shows exactly one payment with our reference', async () => {
    const { orderId } = await approved();
    sandbox.control.addFault({ match: { method: 'POST', path: '/v1/payments' }, times: 10, kind: 'timeout', ms: 3000 });
    const outcome = await capture(orderId, 2500, false, 'cap-lost');
    expect(outcome.kind).toBe('unknown');
    sandbox.control.clearFaults();
    const snapshot = value(await connector.fetchStatus(account, orderId));
    expect(snapshot.payments).toEqual([expect.objectContaining({ amount: 2500, reference: 'cap-lost' })]);
  });

  it('reports a dropped connection as unknown, never as failed', async () => {
    const { orderId } = await approved();
    sandbox.control.addFault({
      match: { method: 'PUT', path: '/v1/orders/:id/cancellation' },
      times: 10,
      kind: 'drop',
    });
    expect((await connector.void(account, { providerOrderId: orderId, idempotencyKey: 'drop' })).kind).toBe('unknown');
  });

  it('creates automatic-capture orders for intent capture', async () => {
    const { orderId } = await approved({ intent: 'capture' });
    const snapshot = value(await connector.fetchStatus(account, orderId));
    expect(snapshot.status).toBe('completed');
    expect(snapshot.payments).toEqual([expect.objectContaining({ amount: 10_000 })]);
  });

  it('lists the orders made with the key, newest first, page by page', async () => {
    const made = [];
    for (let i = 0; i < 5; i++) made.push((await approved({ amount: 1000 + i })).orderId);
    const first = value(await connector.listOrders(account, { pageToken: null, limit: 3 }));
    expect(first.orders.map((order) => order.providerOrderId)).toEqual(made.slice(2).reverse());
    expect(first.orders[0]).toMatchObject({ status: 'authorized', rawStatus: 'requires_capture', amount: 1004 });
    expect(first.orders[0]?.createdAt).toBeInstanceOf(Date);
    const second = value(await connector.listOrders(account, { pageToken: first.nextPageToken, limit: 3 }));
    expect(second.orders.map((order) => order.providerOrderId)).toEqual(made.slice(0, 2).reverse());
    expect(second.nextPageToken).toBeNull();
  });
});
