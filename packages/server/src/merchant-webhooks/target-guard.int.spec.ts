import { createServer, type Server } from 'node:http';
import { NetworkWebhookTargetPolicy } from './network-target-policy';
import { UndiciWebhookTransport } from './undici-webhook-transport';

/** The SSRF guard at both ends: when a URL is registered, and again when a delivery connects. */
describe('merchant webhook target guard', () => {
  let server: Server;
  let port = 0;
  let hits = 0;
  beforeAll(async () => {
    server = createServer((_req, res) => {
      hits++;
      res.writeHead(204).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as { port: number }).port;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('refuses local names and private literals at registration unless allowed', async () => {
    const strict = new NetworkWebhookTargetPolicy(false);
    for (const url of [
      'http://localhost:8080/x',
      'http://api.localhost/x',
      'http://127.0.0.1/x',
      'http://10.0.0.8/x',
      'http://169.254.169.254/latest/meta-data',
      'http://[::1]/x',
      'http://[::ffff:127.0.0.1]/x',
      'http://[::127.0.0.1]/x',
      'http://[::ffff:0:127.0.0.1]/x',
      'http://[64:ff9b:1::169.254.169.254]/x',
      'http://[2002:a9fe:a9fe::1]/x',
      'http://[2001:0:5db8:d822::f5ff:fffe]/x',
    ]) {
      await expect(strict.assertAllowed(new URL(url))).rejects.toMatchObject({ code: 'invalid_field', field: '/url' });
    }
    await expect(strict.assertAllowed(new URL('https://93.184.216.34/hooks'))).resolves.toBeUndefined();
    await expect(new NetworkWebhookTargetPolicy(true).assertAllowed(new URL('http://127.0.0.1/x'))).resolves.toBe(
      undefined,
    );
  });

  it('refuses to connect to a private address at delivery time (a name can be re-pointed after registration)', async () => {
    const strict = new UndiciWebhookTransport(false);
    const before = hits;
    const literal = await strict.post(`http://127.0.0.1:${port}/x`, {}, '{}', 1000);
    expect(literal).toMatchObject({ kind: 'no-answer', error: expect.stringContaining('refused') });
    // `localhost` is resolved by the guarded lookup, as any DNS name would be.
    const named = await strict.post(`http://localhost:${port}/x`, {}, '{}', 1000);
    expect(named).toMatchObject({ kind: 'no-answer', error: expect.stringContaining('private address') });
    expect(hits).toBe(before);
    await strict.close();

    const open = new UndiciWebhookTransport(true);
    expect(await open.post(`http://localhost:${port}/x`, {}, '{}', 1000)).toMatchObject({
      kind: 'answered',
      status: 204,
    });
    expect(hits).toBe(before + 1);
    await open.close();
  });

  it('does not follow redirects and reports a timeout as no answer', async () => {
    const slow = createServer((req, res) => {
      if (req.url === '/redirect') res.writeHead(302, { location: 'http://127.0.0.1:1/' }).end();
      else {
        const timer = setTimeout(() => res.writeHead(204).end(), 1500);
        res.on('close', () => clearTimeout(timer));
      }
    });
    await new Promise<void>((resolve) => slow.listen(0, '127.0.0.1', resolve));
    const slowPort = (slow.address() as { port: number }).port;
    const transport = new UndiciWebhookTransport(true);
    expect(await transport.post(`http://127.0.0.1:${slowPort}/redirect`, {}, '{}', 1000)).toMatchObject({
      kind: 'answered',
      status: 302,
    });
    const late = await transport.post(`http://127.0.0.1:${slowPort}/slow`, {}, '{}', 300);
    expect(late).toEqual({ kind: 'no-answer', error: 'no answer within 300 ms', durationMs: expect.any(Number) });
    expect(late.durationMs).toBeLessThan(1200);
    await transport.close();
    slow.closeAllConnections();
    await new Promise<void>((resolve) => slow.close(() => resolve()));
  });
});
