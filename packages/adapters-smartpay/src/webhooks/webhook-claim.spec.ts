import { smartpayClaimOf } from './webhook-claim';

// The body of Smartpay's official signature vector (reference/smartpay-api.md §6.1): a payment.created event.
const VECTOR =
  '{"id":"evt_test_dwPfFKu5iSEKyHR2LFj9Lx","object":"event","createdAt":1653028523052,"test":true,"eventData":{"type":"payment.created","version":"2022-02-18","data":{"id":"payment_test_35LxgmF5KM22XKG38BjpJg","object":"payment","test":true,"createdAt":1653028523020,"updatedAt":1653028523020,"amount":200,"currency":"JPY","order":"order_test_RiYq2rthzRHrkKVGeucSwn","reference":"order_ref_1234567","status":"processed","metadata":{}}}}';

const event = (type: string, data: Record<string, unknown>) =>
  JSON.stringify({ id: 'evt_test_x', object: 'event', createdAt: 1, eventData: { type, data } });
// Whole objects, as Smartpay sends them in an event's `data`.
const payment = (fields: Record<string, unknown>) => ({
  object: 'payment',
  order: 'order_test_1',
  currency: 'JPY',
  createdAt: 1,
  ...fields,
});
const refundObject = (fields: Record<string, unknown>) => ({
  object: 'refund',
  payment: 'payment_test_1',
  currency: 'JPY',
  createdAt: 1,
  ...fields,
});

describe('the fact a stored Smartpay event states', () => {
  it('reads a payment (a capture) with its amount from the official vector', () => {
    expect(smartpayClaimOf('payment.created', VECTOR)).toEqual({
      kind: 'capture_made',
      providerCaptureId: 'payment_test_35LxgmF5KM22XKG38BjpJg',
      amount: 200,
    });
  });

  it('reads an authorization, and a refund only once it succeeded', () => {
    expect(smartpayClaimOf('order.authorized', event('order.authorized', { id: 'order_test_1' }))).toEqual({
      kind: 'order_authorized',
    });
    const refund = (status: string) =>
      event('refund.created', refundObject({ id: 'refund_test_1', amount: 50, status }));
    expect(smartpayClaimOf('refund.created', refund('succeeded'))).toEqual({
      kind: 'refund_made',
      providerRefundId: 'refund_test_1',
      amount: 50,
    });
    expect(smartpayClaimOf('refund.created', refund('failed'))).toBeUndefined();
  });

  it('states nothing for other events, or a body that does not read as one', () => {
    expect(smartpayClaimOf('order.canceled', event('order.canceled', { id: 'order_test_1' }))).toBeUndefined();
    expect(smartpayClaimOf('payment.created', '{not json')).toBeUndefined();
    expect(smartpayClaimOf('payment.created', event('payment.created', { id: 'payment_test_1' }))).toBeUndefined();
    const unknownStatus = event('payment.created', payment({ id: 'p', amount: 1, status: 'x' }));
    expect(smartpayClaimOf('payment.created', unknownStatus)).toBe(undefined);
  });
});
