import { apiQuery, listFromUrl, listToUrl, NO_FILTERS, readAmounts } from '../src/transaction-filters';

describe('the list filters in the URL', () => {
  it('round-trips filters and a page through the query, leaving out what is empty', () => {
    const filters = { ...NO_FILTERS, status: 'cancelled', search: 'hanako@example.jp', amountMin: '5000' };
    const url = listToUrl(filters, 'next-page');
    expect(url).toBe('?status=cancelled&amount_min=5000&search=hanako%40example.jp&cursor=next-page');
    expect(listFromUrl(url)).toEqual({ filters, cursor: 'next-page' });
    expect(listToUrl(NO_FILTERS, null)).toBe('');
    const attention = { ...NO_FILTERS, attention: 'partly_made_refund' };
    expect(listFromUrl(listToUrl(attention, null))).toEqual({ filters: attention, cursor: null });
    expect(apiQuery(attention, 'Asia/Tokyo')).toMatchObject({ attention: 'partly_made_refund', search: undefined });
    expect(listFromUrl('')).toEqual({ filters: NO_FILTERS, cursor: null });
  });

  it('reads the amounts as a Japanese merchant types them, and names the field of one that is not an amount', () => {
    expect(readAmounts({ ...NO_FILTERS, amountMin: '¥5,000', amountMax: '１２０００円' })).toEqual({
      ok: true,
      filters: { ...NO_FILTERS, amountMin: '5000', amountMax: '12000' },
    });
    expect(readAmounts({ ...NO_FILTERS, amountMax: '-1' })).toEqual({
      ok: false,
      field: 'amountMax',
      problem: 'negative',
    });
  });
});
