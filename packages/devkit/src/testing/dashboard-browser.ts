import type { Kessai } from './in-process-kessai';

export interface BrowserResponse {
  status: number;
  // biome-ignore lint/suspicious/noExplicitAny: tests read response fields directly
  body: any;
  headers: Headers;
}

/**
 * What the dashboard's page does over fetch: signs in, keeps the session cookie like a browser (no bearer
 * token), and sends the session's CSRF token on requests that change something unless told otherwise.
 */
export class DashboardBrowser {
  cookie: string | undefined;
  csrfToken: string | undefined;

  constructor(private readonly baseUrl: string) {}

  static for(api: Kessai): DashboardBrowser {
    return new DashboardBrowser(api.baseUrl);
  }

  async signIn(email: string, password: string, headers: Record<string, string> = {}): Promise<BrowserResponse> {
    const response = await this.request('POST', '/dashboard/api/session', { body: { email, password }, headers });
    if (response.status === 200) this.csrfToken = response.body.csrf_token;
    return response;
  }

  async request(
    method: string,
    path: string,
    options: { body?: unknown; headers?: Record<string, string>; csrf?: boolean | string } = {},
  ): Promise<BrowserResponse> {
    const headers: Record<string, string> = {};
    if (this.cookie) headers.cookie = this.cookie;
    const csrf = options.csrf ?? true;
    if (csrf !== false && this.csrfToken && !['GET', 'HEAD'].includes(method))
      headers['x-csrf-token'] = typeof csrf === 'string' ? csrf : this.csrfToken;
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    Object.assign(headers, options.headers);
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
    const setCookie = response.headers.get('set-cookie');
    if (setCookie && /^(__Host-)?kessai_session=/.test(setCookie)) {
      const value = setCookie.split(';')[0] as string;
      this.cookie = /Max-Age=0/.test(setCookie) ? undefined : value;
    }
    const text = await response.text();
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON: keep the text
    }
    return { status: response.status, body, headers: response.headers };
  }
}
