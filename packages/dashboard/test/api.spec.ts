import { asBackground, noteUserInput, request } from '../src/api';

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
