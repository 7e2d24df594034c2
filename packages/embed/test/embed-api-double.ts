// An in-memory imitation of the four routes an embed token reaches (payment options, create, read), with the
// rules the embed relies on: the Bearer token is required, the amount is the token's, and a checkout session has one
// transaction (a repeated create answers the same one). Passed to the embed as its `fetch`.
export interface DoubleState {
  /** Every request, as `METHOD /path`. */
  requests: string[];
  transactions: Map<string, { id: string; status: string; amount: number; approvalUrl: string; redirectUrl: string }>;
  /** What the next read of a transaction answers as its status (the buyer's choice on the approval page). */
  decide(id: string, status: string): void;
  fetcher: typeof fetch;
}

export function embedApiDouble(options: {
  token: string;
  amount: number;
  shipping: boolean;
  /** The create answers while another create for the session is in flight: `processing`, for this many reads. */
  processingReads?: number;
  /** Makes every request fail with this status and message. */
  failWith?: { status: number; code: string; message: string };
}): DoubleState {
  const requests: string[] = [];
  const transactions: DoubleState['transactions'] = new Map();
  let next = 1;
  let processingReads = options.processingReads ?? 0;
  // Only what the embed reads of an answer (jsdom has no Response): ok, status and the JSON body.
  const json = (status: number, body: unknown) =>
    ({ ok: status >= 200 && status < 300, status, json: async () => JSON.parse(JSON.stringify(body)) }) as Response;
  const error = (status: number, code: string, message: string) =>
    json(status, { type: 'error', code, status, message, details: [] });
  const fetcher = (async (input: string, init: RequestInit = {}) => {
    const url = new URL(input);
    const method = init.method ?? 'GET';
    requests.push(`${method} ${url.pathname}`);
    if (options.failWith) return error(options.failWith.status, options.failWith.code, options.failWith.message);
    const headers = (init.headers ?? {}) as Record<string, string>;
    if (headers.authorization !== `Bearer ${options.token}`) return error(401, 'unauthorized', 'no token');
    const body = typeof init.body === 'string' ? JSON.parse(init.body) : {};
    if (method === 'POST' && url.pathname === '/payment-options') {
      const smartpay = { type: 'payment-option', method: 'smartpay', mode: 'redirect', label: 'Smartpay' };
      return json(
        200,
        options.shipping
          ? { items: [smartpay], unavailable: [] }
          : {
              items: [],
              unavailable: [
                {
                  method: 'smartpay',
                  reason: 'shipping_address_required',
                  message: 'Smartpay needs the shipping address first',
                },
              ],
            },
      );
    }
    if (method === 'POST' && url.pathname === '/transactions') {
      if (body.amount !== options.amount) return error(400, 'bad_request', 'amount must match the embed token');
      const existing = [...transactions.values()][0];
      if (existing) return json(201, view(existing));
      const id = `00000000-0000-4000-8000-00000000000${next++}`;
      const created = {
        id,
        status: 'buyer_approval_pending',
        amount: body.amount,
        approvalUrl: `https://sandbox.example/approve/${id}`,
        redirectUrl: body.payment_method.redirect_url,
      };
      transactions.set(id, created);
      if (processingReads > 0) return json(201, view({ ...created, status: 'processing' }));
      return json(201, view(created));
    }
    const read = /^\/transactions\/([^/]+)$/.exec(url.pathname);
    if (method === 'GET' && read) {
      const found = transactions.get(decodeURIComponent(read[1] as string));
      if (!found) return error(403, 'forbidden', 'not this token’s transaction');
      if (processingReads-- > 0) return json(200, view({ ...found, status: 'processing' }));
      return json(200, view(found));
    }
    return error(404, 'not_found', `no route ${method} ${url.pathname}`);
  }) as typeof fetch;
  return {
    requests,
    transactions,
    decide: (id, status) => {
      const found = transactions.get(id);
      if (found) found.status = status;
    },
    fetcher,
  };
}

function view(tx: { id: string; status: string; amount: number; approvalUrl: string }) {
  return {
    type: 'transaction',
    id: tx.id,
    status: tx.status,
    amount: tx.amount,
    currency: 'JPY',
    payment_method: {
      type: 'payment-method',
      method: 'smartpay',
      mode: 'redirect',
      approval_url: tx.status === 'buyer_approval_pending' ? tx.approvalUrl : null,
    },
  };
}
