/** A payment option as the API lists it (Gr4vy's `payment-option`, snake_case on the wire). */
export interface PaymentOption {
  method: string;
  mode: string;
  label: string | null;
  iconUrl: string | null;
}

/** A method the API would not offer: a stable reason code (e.g. `shipping_address_required`) and its message. */
export interface Unavailable {
  method: string;
  reason: string;
  message: string;
}

export interface Transaction {
  id: string;
  status: string;
  method: string | null;
  approvalUrl: string | null;
}

export interface PaymentOptionsAnswer {
  options: PaymentOption[];
  unavailable: Unavailable[];
}

export interface NewTransaction {
  amount: number;
  currency: string;
  country: string;
  method: string;
  redirectUrl: string;
}

/** An answer other than 2xx, in the API's error envelope (Gr4vy's: type error, code, status, message). */
export class EmbedApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'EmbedApiError';
  }
}

type Json = Record<string, unknown>;

/**
 * The three calls an embed token may make: list payment options, create the checkout session's transaction, read
 * it back. Cross-origin, with the token as a Bearer (no cookies).
 */
export class EmbedApi {
  constructor(
    private readonly apiHost: string,
    private readonly token: string,
    private readonly fetcher: typeof fetch = (...args) => fetch(...args),
  ) {}

  async paymentOptions(input: { amount: number; currency: string; country: string; locale: string }) {
    const body = await this.send('POST', '/payment-options', input);
    const items = Array.isArray(body.items) ? (body.items as Json[]) : [];
    return {
      options: items.filter((item) => typeof item.method === 'string').map(optionFrom),
      unavailable: unavailableFrom(body),
    } satisfies PaymentOptionsAnswer;
  }

  async createTransaction(input: NewTransaction): Promise<Transaction> {
    const body = await this.send('POST', '/transactions', {
      amount: input.amount,
      currency: input.currency,
      country: input.country,
      intent: 'authorize',
      payment_method: {
        method: input.method,
        redirect_url: input.redirectUrl,
        country: input.country,
        currency: input.currency,
      },
    });
    return transactionFrom(body);
  }

  async transaction(id: string): Promise<Transaction> {
    return transactionFrom(await this.send('GET', `/transactions/${encodeURIComponent(id)}`));
  }

  private async send(method: 'GET' | 'POST', path: string, body?: unknown): Promise<Json> {
    const headers: Record<string, string> = { authorization: `Bearer ${this.token}`, accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    let response: Response;
    try {
      response = await this.fetcher(`${this.apiHost}${path}`, {
        method,
        headers,
        credentials: 'omit',
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      });
    } catch {
      throw new EmbedApiError(0, 'network_error', 'the payment service could not be reached');
    }
    const json = (await response.json().catch(() => ({}))) as Json;
    if (!response.ok)
      throw new EmbedApiError(
        response.status,
        typeof json.code === 'string' ? json.code : 'unknown',
        typeof json.message === 'string' ? json.message : `HTTP ${response.status}`,
      );
    return json;
  }
}

function optionFrom(item: Json): PaymentOption {
  return {
    method: item.method as string,
    mode: typeof item.mode === 'string' ? item.mode : 'redirect',
    label: typeof item.label === 'string' ? item.label : null,
    iconUrl: typeof item.icon_url === 'string' ? item.icon_url : null,
  };
}

/** The methods left out and why (the API's `unavailable` list). */
function unavailableFrom(body: Json): Unavailable[] {
  const list = Array.isArray(body.unavailable) ? (body.unavailable as Json[]) : [];
  return list
    .map((entry) => ({
      method: String(entry.method ?? ''),
      reason: String(entry.reason ?? ''),
      message: String(entry.message ?? ''),
    }))
    .filter((entry) => entry.method && (entry.reason || entry.message));
}

function transactionFrom(body: Json): Transaction {
  if (typeof body.id !== 'string' || typeof body.status !== 'string')
    throw new EmbedApiError(502, 'bad_answer', 'the payment service answered without a transaction');
  const method = (body.payment_method ?? {}) as Json;
  return {
    id: body.id,
    status: body.status,
    method: typeof method.method === 'string' ? method.method : null,
    approvalUrl: typeof method.approval_url === 'string' ? method.approval_url : null,
  };
}
