import { SmartpayApiError, SmartpayNetworkError } from './client/errors';
import { outcomeOfError } from './outcome-of';

describe('Smartpay error → outcome', () => {
  it.each([
    [new SmartpayApiError(409, 'payment.excessive-amount', 'too much'), 'declined'],
    [new SmartpayApiError(409, 'order.cannot-capture', 'expired'), 'declined'],
    [new SmartpayApiError(409, 'order.cannot-cancel', 'captured'), 'declined'],
    [new SmartpayApiError(403, 'amount.insufficient', 'refunded'), 'declined'],
    [new SmartpayApiError(400, 'request.invalid', 'bad'), 'failed'],
    [new SmartpayApiError(401, 'unauthorized', 'key'), 'failed'],
    [new SmartpayApiError(404, 'order.not-found', 'no'), 'failed'],
    [new SmartpayApiError(503, 'unavailable', 'later'), 'unknown'],
    [new SmartpayNetworkError('timed out', true, 'timeout'), 'unknown'],
    [new SmartpayNetworkError('refused', false, 'ECONNREFUSED'), 'failed'],
  ])('%s → %s', (error, kind) => {
    expect(outcomeOfError(error).kind).toBe(kind);
  });

  it('keeps the raw code and message of a decline', () => {
    expect(outcomeOfError(new SmartpayApiError(409, 'payment.excessive-amount', 'too much'))).toEqual({
      kind: 'declined',
      code: 'payment.excessive-amount',
      message: 'too much',
    });
  });
});
