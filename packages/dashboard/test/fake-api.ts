// A stand-in for `fetch` answering the dashboard's requests from a table, so components render without a server.
export interface Answer {
  status?: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface FakeApi {
  /** Every request made, as `METHOD /path?query`. */
  requests: string[];
  /** The JSON body of each request that had one, as `METHOD /path` and the parsed body. */
  bodies: Array<{ request: string; body: unknown }>;
  restore(): void;
}

/** Answers `METHOD /path` (the query left out) from `answers`, a function's when it settles; else a 404. */
export function fakeApi(answers: Record<string, Answer | (() => Answer | Promise<Answer>)>): FakeApi {
  const requests: string[] = [];
  const bodies: FakeApi['bodies'] = [];
  const real = globalThis.fetch;
  globalThis.fetch = (async (url: string, init?: RequestInit) => {
    const method = init?.method ?? 'GET';
    requests.push(`${method} ${url}`);
    if (typeof init?.body === 'string') bodies.push({ request: `${method} ${url}`, body: JSON.parse(init.body) });
    const found = answers[`${method} ${url.split('?')[0]}`];
    const answer = (typeof found === 'function' ? await found() : found) ?? {
      status: 404,
      body: { code: 'not_found', message: 'Not found' },
    };
    const status = answer.status ?? 200;
    const headers = new Map(Object.entries(answer.headers ?? {}).map(([name, value]) => [name.toLowerCase(), value]));
    return {
      ok: status >= 200 && status < 300,
      status,
      statusText: '',
      headers: { get: (name: string) => headers.get(name.toLowerCase()) ?? null },
      text: async () => (answer.body === undefined ? '' : JSON.stringify(answer.body)),
    };
  }) as unknown as typeof fetch;
  return {
    requests,
    bodies,
    restore: () => {
      globalThis.fetch = real;
    },
  };
}
