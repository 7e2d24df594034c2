import { WebhookVerificationError } from '@kessai/domain';
import { parseSmartpayWebhook } from './parse-webhook';
import { calculateSignature } from './signature';

const SECRET = 'gybcsjixKyBW2d4z6iNPlaYzHUMtawnodwZt3W0q';
const now = new Date('2026-03-01T10:00:00.000Z');
const event = (type: string, data: Record<string, unknown>) =>
  JSON.stringify({
    id: 'evt_test_1',
    object: 'event',
    createdAt: now.getTime() - 1000,
    test: true,
    eventData: { type, version: '2022-02-18', data },
  });
const signed = (body: string, at = now.getTime(), secret = SECRET) => ({
  headers: {
    'Smartpay-Signature': calculateSignature(secret, `${at}.${body}`),
    'Smartpay-Signature-Timestamp': String(at),
    'Smartpay-Event-Id': 'evt_test_header_is_not_signed',
    'Smartpay-Subscription-Id': 'webhookendpoint_test_1',
  },
  rawBody: body,
});

describe('parseSmartpayWebhook', () => {
  it('reads the order id of order.* and payment.created events, the payment id of refund.created, and the event id from the signed body', () => {
    expect(
      parseSmartpayWebhook(
        SECRET,
        signed(event('order.authorized', { id: 'order_test_A', object: 'order' })),
        now,
        300_000,
      ),
    ).toEqual({
      eventId: 'evt_test_1',
      type: 'order.authorized',
      providerOrderId: 'order_test_A',
      providerCaptureId: null,
      occurredAt: new Date(now.getTime() - 1000),
    });
    const payment = event('payment.created', { id: 'payment_test_1', object: 'payment', order: 'order_test_B' });
    expect(parseSmartpayWebhook(SECRET, signed(payment), now, 300_000).providerOrderId).toBe('order_test_B');
    const refund = event('refund.created', { id: 'refund_test_1', object: 'refund', payment: 'payment_test_1' });
    expect(parseSmartpayWebhook(SECRET, signed(refund), now, 300_000)).toMatchObject({
      providerOrderId: null,
      providerCaptureId: 'payment_test_1',
    });
  });

  it.each([
    [
      'a forged signature',
      () => ({
        ...signed(event('order.authorized', { id: 'o' })),
        rawBody: event('order.authorized', { id: 'other' }),
      }),
    ],
    ['a stale timestamp', () => signed(event('order.authorized', { id: 'o' }), now.getTime() - 10 * 60_000)],
    ['a future timestamp', () => signed(event('order.authorized', { id: 'o' }), now.getTime() + 10 * 60_000)],
    ['another secret', () => signed(event('order.authorized', { id: 'o' }), now.getTime(), 'MOCKSECRETKEY')],
    ['no signature headers', () => ({ headers: {}, rawBody: event('order.authorized', { id: 'o' }) })],
    ['a signed body that is not an event', () => signed('{"hello":"world"}')],
  ])('refuses %s', (_name, delivery) => {
    expect(() => parseSmartpayWebhook(SECRET, delivery(), now, 300_000)).toThrow(WebhookVerificationError);
  });
});
