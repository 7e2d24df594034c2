import { parseAnswer } from '../src/api';

describe('what the dashboard reads from the API', () => {
  it('drops every bidi control from strings and keys, so a value cannot reorder the text shown around it', () => {
    const answer = parseAnswer(
      JSON.stringify({
        reason: 'order-\u202egnp.exe',
        items: [{ name: '\u2067Hanako\u2069 \u200e\u200f\u061c\u202a\u202b\u202c\u202d\u2066\u2068' }],
        metadata: { 'k\u202ey': 'v' },
        amount: 1200,
        note: null,
      }),
    );
    expect(answer).toEqual({
      reason: 'order-gnp.exe',
      items: [{ name: 'Hanako ' }],
      metadata: { ky: 'v' },
      amount: 1200,
      note: null,
    });
  });

  it('keeps every other character, right-to-left scripts included', () => {
    expect(parseAnswer('"山田 花子 — مرحبا 🎁"')).toBe('山田 花子 — مرحبا 🎁');
  });
});
