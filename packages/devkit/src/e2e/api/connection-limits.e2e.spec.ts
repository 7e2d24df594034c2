import { connect, type Socket } from 'node:net';
import { FakePaymentConnector, smartpayService } from '@kessai/domain/testing';
import { type Kessai, startKessai } from '../../testing/start-kessai';

/** A raw HTTP/1.1 exchange: what the server sent back, once it closed the connection or went quiet. */
async function exchange(port: number, request: string | Buffer, hold?: (socket: Socket) => void): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let answer = '';
    socket.on('data', (chunk) => {
      answer += chunk.toString('utf8');
    });
    socket.on('error', (error: NodeJS.ErrnoException) =>
      error.code === 'ECONNRESET' || error.code === 'EPIPE' ? resolve(answer) : reject(error),
    );
    socket.on('close', () => resolve(answer));
    socket.write(request);
    hold?.(socket);
  });
}

const statusOf = (answer: string) => Number(/^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1]);
const bodyOf = (answer: string) => JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4));

/** What HTTP itself refuses (sizes, timeouts, too many slow bodies) is answered in the API's error envelope. */
describe('connection limits (storage memory)', () => {
  let api: Kessai;
  let port: number;
  let serviceId: string;

  beforeAll(async () => {
    api = await startKessai({
      connector: new FakePaymentConnector(),
      env: { REQUEST_TIMEOUT_MS: '3000', MAX_SLOW_BODIES: '4' },
    });
    const service = smartpayService({ merchantAccountId: 'default' });
    serviceId = service.id;
    await api.services.paymentServices.add(service);
    port = Number(new URL(api.baseUrl).port);
  });
  afterAll(async () => {
    await api.close();
  });

  it('headers over 16 KB: 431 in the envelope', async () => {
    const answer = await exchange(
      port,
      `GET /transactions HTTP/1.1\r\nHost: x\r\nX-Padding: ${'a'.repeat(20_000)}\r\nConnection: close\r\n\r\n`,
    );
    expect(statusOf(answer)).toBe(431);
    expect(bodyOf(answer)).toMatchObject({ type: 'error', code: 'request_header_fields_too_large', status: 431 });
  });

  it('a path parameter too long: 414 in the envelope, without echoing the path', async () => {
    const long = 'a'.repeat(5_000);
    const response = await api.call('GET', `/transactions/${long}`);
    expect(response.status).toBe(414);
    expect(response.body).toMatchObject({ type: 'error', code: 'uri_too_long', status: 414 });
    expect(JSON.stringify(response.body)).not.toContain(long);
  });

  it('a body of several MB: 413 in the envelope, read by the client (not a reset)', async () => {
    const response = await api.call('POST', '/transactions', {
      raw: JSON.stringify({ metadata: { big: 'x'.repeat(6 * 1024 * 1024) } }),
      headers: { 'content-type': 'application/json' },
    });
    expect(response.status).toBe(413);
    expect(response.body).toMatchObject({ type: 'error', code: 'payload_too_large', status: 413 });
    expect(response.body.details[0].type).toBe('body_too_large');
  });

  it("Fastify's internal error codes never reach a client", async () => {
    for (const [raw, type] of [
      ['{"amount": 1,', 'application/json'],
      ['a=1', 'application/x-www-form-urlencoded'],
    ]) {
      const response = await api.call('POST', '/transactions', { raw, headers: { 'content-type': type as string } });
      expect(response.status).toBeGreaterThanOrEqual(400);
      expect(JSON.stringify(response.body)).not.toMatch(/FST_/);
    }
    const badUrl = await api.call('GET', '/transactions/%ED%A0%80');
    expect(badUrl).toMatchObject({ status: 400, body: { type: 'error', code: 'bad_request' } });
    expect(JSON.stringify(badUrl.body)).not.toMatch(/FST_/);
  });

  it('a body that trickles in is cut off with 408 in the envelope once the request timeout passes', async () => {
    const answer = await exchange(
      port,
      `POST /webhooks/smartpay/${serviceId} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"id":`,
    );
    expect(statusOf(answer)).toBe(408);
    expect(bodyOf(answer)).toMatchObject({ type: 'error', code: 'request_timeout', status: 408 });
  });

  it('beyond the cap of slow bodies, a new request with a body is turned away with 503 until they finish', async () => {
    const slow: Socket[] = [];
    const holding = Array.from({ length: 4 }, () =>
      exchange(
        port,
        `POST /webhooks/smartpay/${serviceId} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{`,
        (socket) => slow.push(socket),
      ),
    );
    // A burst of ordinary bodies is no reason to refuse: only bodies still arriving after a second count.
    const quick = await exchange(
      port,
      `POST /webhooks/smartpay/${serviceId} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}`,
    );
    expect(statusOf(quick)).not.toBe(503);
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const turnedAway = await exchange(
      port,
      `POST /webhooks/smartpay/${serviceId} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}`,
    );
    expect(statusOf(turnedAway)).toBe(503);
    expect(bodyOf(turnedAway)).toMatchObject({ type: 'error', code: 'service_unavailable' });
    for (const answer of await Promise.all(holding)) expect(statusOf(answer)).toBe(408);
    const afterwards = await api.call('GET', '/transactions');
    expect(afterwards.status).toBe(200);
    const accepted = await exchange(
      port,
      `POST /webhooks/smartpay/${serviceId} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}`,
    );
    expect(statusOf(accepted)).not.toBe(503);
  });
});
