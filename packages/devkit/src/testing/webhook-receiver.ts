import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';

export interface Received {
  id: string;
  timestamp: string;
  signatures: string[];
  body: string;
  // biome-ignore lint/suspicious/noExplicitAny: tests read event fields directly
  event: any;
  receivedAt: number;
}

/** How the receiver answers the next request: a status (with an optional body), after an optional delay. */
export type Behaviour = (request: Received) => { status: number; delayMs?: number; body?: string };

/**
 * A merchant's webhook endpoint on loopback, written the way the docs tell merchants to: it checks the
 * signature itself (HMAC-SHA256 hex over `timestamp.body`, any of the comma-separated signatures), and its app
 * layer deduplicates by X-Gr4vy-Webhook-ID. Every request is kept (`requests`), and what the app accepted once
 * (`accepted`).
 */
export class WebhookReceiver {
  readonly requests: Received[] = [];
  readonly accepted: Received[] = [];
  readonly rejected: Received[] = [];
  behaviour: Behaviour = () => ({ status: 204 });
  secrets: string[] = [];
  private readonly seen = new Set<string>();
  private server!: Server;
  url = '';

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const received = this.parse(req.headers, Buffer.concat(chunks).toString('utf8'));
        this.requests.push(received);
        const { status, delayMs, body } = this.behaviour(received);
        setTimeout(() => {
          if (status >= 200 && status < 300) {
            if (!this.verifies(received)) {
              this.rejected.push(received);
              res.writeHead(401).end();
              return;
            }
            if (!this.seen.has(received.id)) {
              this.seen.add(received.id);
              this.accepted.push(received);
            }
          }
          if (!res.destroyed) res.writeHead(status).end(body);
        }, delayMs ?? 0);
      });
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    const address = this.server.address();
    this.url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/hooks/kessai`;
    return this;
  }

  /** The documented check: one of the signatures is HMAC-SHA256(secret, `${timestamp}.${body}`) in hex. */
  verifies(received: Received, secrets = this.secrets): boolean {
    return secrets.some((secret) => {
      const expected = createHmac('sha256', secret).update(`${received.timestamp}.${received.body}`).digest();
      return received.signatures.some((signature) => {
        const given = Buffer.from(signature, 'hex');
        return given.length === expected.length && timingSafeEqual(given, expected);
      });
    });
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private parse(headers: IncomingHttpHeaders, body: string): Received {
    const header = (name: string) => String(headers[name] ?? '');
    let event: unknown;
    try {
      event = JSON.parse(body);
    } catch {
      event = undefined;
    }
    return {
      id: header('x-gr4vy-webhook-id'),
      timestamp: header('x-gr4vy-webhook-timestamp'),
      signatures: header('x-gr4vy-webhook-signatures').split(',').filter(Boolean),
      body,
      event,
      receivedAt: Date.now(),
    };
  }
}
