import { asBackground, noteUserInput, parseAnswer, request } from '../src/api';

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

/** The headers of the one request `call` makes, through a stand-in fetch. */
async function headersOf(call: () => Promise<unknown>): Promise<Record<string, string>> {
  let sent: Record<string, string> = {};
  const real = globalThis.fetch;
  globalThis.fetch = (async (_url: string, init: RequestInit) => {
    sent = init.headers as Record<string, string>;
    return new Response('{}', { status: 200 });
  }) as typeof fetch;
  try {
    await call();
  } finally {
    globalThis.fetch = real;
  }
  return sent;
}

describe('the page’s own polls', () => {
  it('say X-Kessai-Background: 1 while the person is not acting, so they do not keep the session alive', async () => {
    noteUserInput(Date.now() - 60_000);
    expect(await headersOf(() => asBackground(() => request('GET', '/transactions')))).toMatchObject({
      'x-kessai-background': '1',
    });
    expect(await headersOf(() => request('GET', '/transactions'))).not.toHaveProperty('x-kessai-background');
  });

  it('count as use right after a click or key', async () => {
    noteUserInput();
    expect(await headersOf(() => asBackground(() => request('GET', '/transactions')))).not.toHaveProperty(
      'x-kessai-background',
    );
  });
});
