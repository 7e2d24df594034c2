// Shared by the *.int.spec.ts files only: a tiny Smartpay client, a valid checkout payload and a webhook receiver.
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

let keyCounter = 0;
/** A fresh secret key per call: every test gets its own merchant partition. */
export function newKey(mode: 'test' | 'live' = 'test'): string {
  keyCounter++;
  return `sk_${mode}_spec${process.pid}x${keyCounter}x${Date.now()}`;
}

export interface Reply<T = Record<string, unknown>> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

export class Client {
  constructor(
    readonly apiBase: string,
    readonly key: string,
  ) {}

  async call<T = Record<string, unknown>>(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<Reply<T>> {
    const res = await fetch(`${this.apiBase}${path}`, {
      method,
      headers: {
        Authorization: `Basic ${this.key}`,
        Accept: 'application/json',
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
        ...headers,
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, headers: res.headers, text, body: (text ? JSON.parse(text) : undefined) as T };
  }

  get<T = Record<string, unknown>>(path: string) {
    return this.call<T>('GET', path);
  }

  post<T = Record<string, unknown>>(path: string, body: unknown, headers?: Record<string, string>) {
    return this.call<T>('POST', path, body, headers);
  }
}

/** amount 1250 = 2 × 500 − 100 + 250 + shipping 100: the go SDK's integration payload, give or take. */
export function checkoutPayload(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    amount: 1250,
    currency: 'JPY',
    captureMethod: 'manual',
    reference: 'order_ref_1234567',
    description: 'Sandbox spec order',
    items: [
      { name: 'Matcha', amount: 500, currency: 'JPY', quantity: 2 },
      { name: 'Coupon', amount: 100, currency: 'JPY', kind: 'discount' },
      { name: 'Consumption tax', amount: 250, currency: 'JPY', kind: 'tax' },
    ],
    customerInfo: { emailAddress: 'buyer+test@example.jp', firstName: 'Taro', lastName: 'Yamada' },
    shippingInfo: {
      feeAmount: 100,
      feeCurrency: 'JPY',
      address: { line1: '1-2-3 Jingumae', locality: 'Shibuya-ku', postalCode: '150-0001', country: 'JP' },
    },
    successUrl: 'https://shop.example/success?o=1',
    cancelUrl: 'https://shop.example/cancel?o=1',
    ...overrides,
  };
}

// Just the wire fields the specs read.
export interface ErrorReply {
  statusCode: number;
  errorCode: string;
  message: string;
  details: string[];
}
export interface LineItemBody {
  id: string;
  object: string;
  kind: string;
  quantity: number;
  price: {
    id: string;
    object: string;
    amount: number;
    active: boolean;
    product: { id: string; object: string; name: string };
  };
}
interface Stamped {
  id: string;
  object: string;
  test: boolean;
  createdAt: number;
  updatedAt: number;
  metadata: Record<string, string>;
  reference?: string;
  description?: string;
}
export interface OrderBody extends Stamped {
  status: string;
  amount: number;
  currency: string;
  expiresAt?: number;
  lineItems: string[];
  payments: string[];
}
export interface ExpandedOrderBody extends Omit<OrderBody, 'lineItems' | 'payments'> {
  lineItems: LineItemBody[];
  payments: PaymentBody[];
}
export interface SessionBody<O = ExpandedOrderBody> extends Stamped {
  url: string;
  expiresAt: number;
  successUrl: string;
  cancelUrl: string;
  customerInfo: Record<string, unknown>;
  order: O;
}
export interface PaymentBody extends Stamped {
  status: string;
  amount: number;
  order: string;
  refunds: string[];
}
export interface RefundBody extends Stamped {
  status: string;
  amount: number;
  payment: string;
  reason: string;
}
export interface WebhookEndpointBody extends Stamped {
  url: string;
  active: boolean;
  eventSubscriptions: string[];
  signingSecret: string;
}
export interface Page<T> {
  object: string;
  pageToken: string;
  nextPageToken?: string;
  maxResults: number;
  results: number;
  data: T[];
}
export type CheckoutCreated = SessionBody;

export async function createCheckout(client: Client, overrides: Record<string, unknown> = {}) {
  const reply = await client.post<CheckoutCreated>('/checkout-sessions', checkoutPayload(overrides));
  if (reply.status !== 200) throw new Error(`checkout create failed: ${reply.text}`);
  return reply.body;
}

export interface ReceivedWebhook {
  headers: IncomingHttpHeaders;
  body: string;
}

/** A webhook receiver on 127.0.0.1; `respond` picks the status per request (default 200). */
export async function startReceiver(respond: (n: number, hook: ReceivedWebhook) => number = () => 200) {
  const received: ReceivedWebhook[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const hook = { headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      received.push(hook);
      res.writeHead(respond(received.length, hook)).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
