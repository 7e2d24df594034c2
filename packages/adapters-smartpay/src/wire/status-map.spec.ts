import { mapOrderStatus, SMARTPAY_STATUS_MAP } from './status-map';

describe('Smartpay order status map', () => {
  it.each([
    ['requires_authorization', 'pending_approval'],
    ['requires_capture', 'authorized'],
    ['succeeded', 'completed'],
    ['canceled', 'canceled'],
    ['rejected', 'declined'],
    ['failed', 'failed'],
    ['pending', 'processing'],
  ])('%s → %s', (smartpay, domain) => {
    expect(mapOrderStatus(smartpay)).toBe(domain);
  });

  it('covers every documented status, and reads an unknown one as processing (which never moves a transaction)', () => {
    expect(Object.keys(SMARTPAY_STATUS_MAP)).toHaveLength(7);
    expect(mapOrderStatus('something_new')).toBe('processing');
  });
});
