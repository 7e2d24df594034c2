import { createServer } from 'node:http';
import { inspect } from 'node:util';
import { SmartpayPaymentConnector } from '../smartpay-payment-connector';
import { SmartpayClient } from './smartpay-client';

/** The secret key travels only in the Authorization header: never in errors, outcomes, logs or inspection. */
describe('secrets stay secret', () => {
  const SECRET = 'sk_test_TopSecretValue123';

  it('keeps the key out of errors and outcomes, for refusals and for network failures', async () => {
    const server = createServer((_req, res) => {
      res.writeHead(401, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ statusCode: 401, errorCode: 'unauthorized', message: 'bad key' }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as { port: number }).port;
    const client = new SmartpayClient({ apiBase: `http://127.0.0.1:${port}/v1`, retry: { maxAttempts: 1 } });
    const refusal = await client.send({ method: 'GET', path: '/orders', secretKey: SECRET }).catch((e: unknown) => e);
    expect(inspect(refusal, { depth: 5 }) + JSON.stringify(refusal)).not.toContain(SECRET);
    server.close();
    const connector = new SmartpayPaymentConnector({
      apiBase: `http://127.0.0.1:${port}/v1`,
      retry: { maxAttempts: 1 },
    });
    const outcome = await connector.fetchStatus(
      { paymentServiceId: 'ps', credentials: { secretKey: SECRET } },
      'order_x',
    );
    expect(outcome.kind).toBe('failed');
    expect(JSON.stringify(outcome) + inspect(connector, { depth: 5 }) + String(client)).not.toContain(SECRET);
    await client.close();
    await connector.client.close();
  });
});
