import { ProviderRefusedSetupError } from '@kessai/domain';
import { FakePaymentConnector } from '@kessai/domain/testing';
import { loadConfig, smartpayResources } from '@kessai/server';
import { type RunningSandbox, startSandbox } from '@kessai/smartpay-sandbox';
import { type Kessai, startKessai } from '../../testing/start-kessai';

const badRequest = (message: string, detail: Record<string, string>) => ({
  type: 'error',
  code: 'bad_request',
  status: 400,
  message,
  details: [{ message, ...detail }],
});

describe('a connection Smartpay will not make', () => {
  const secretKey = 'sk_test_known';
  let sandbox: RunningSandbox;
  let smartpay: ReturnType<typeof smartpayResources>;
  let api: Kessai;
  beforeAll(async () => {
    // The sandbox takes this one key only, so any other is refused as Smartpay refuses a wrong one.
    sandbox = await startSandbox({ port: 0, secretKeys: [secretKey] });
    const env = { SMARTPAY_API_BASE: sandbox.apiBase, PUBLIC_BASE_URL: 'http://127.0.0.1:9' };
    smartpay = smartpayResources(loadConfig(env));
    api = await startKessai({ connector: smartpay.connector, setup: smartpay.setup, env });
  }, 60_000);
  afterEach(() => sandbox.control.clearFaults());
  afterAll(async () => {
    await api?.close();
    await smartpay?.connector.client.close();
    await sandbox?.stop();
  });
  const connect = (body: Record<string, unknown>) =>
    api.call('POST', '/payment-services', { body: { secret_key: secretKey, ...body } });

  it('is answered 400 invalid_credentials on the secret key, when connecting and when checking the key', async () => {
    const message = 'Smartpay refused the secret key (401): check it in the Smartpay dashboard';
    const refused = badRequest(message, { location: 'body', pointer: '/secret_key', type: 'invalid_credentials' });
    const connected = await connect({ secret_key: 'sk_test_unknown' });
    expect({ status: connected.status, body: connected.body }).toEqual({ status: 400, body: refused });
    const verify = await api.call('POST', '/payment-services/verify', {
      body: {
        payment_service_definition_id: 'smartpay-smartpay',
        fields: [{ key: 'secret_key', value: 'sk_test_unknown' }],
      },
    });
    expect({ status: verify.status, body: verify.body }).toEqual({ status: 400, body: refused });
  });

  it('is answered 502 bad_gateway when Smartpay gives no usable answer', async () => {
    const stored = await connect({});
    expect(stored.status).toBe(201);
    sandbox.control.addFault({ match: { path: '/v1/orders' }, times: 20, kind: 'status', status: 503 });
    const verify = await api.call('POST', '/payment-services/verify', {
      body: { payment_service_definition_id: 'smartpay-smartpay', payment_service_id: stored.body.id },
    });
    expect({ status: verify.status, body: verify.body }).toEqual({
      status: 502,
      body: {
        type: 'error',
        code: 'bad_gateway',
        status: 502,
        message: 'Smartpay could not be reached to verify the credentials; try again',
        details: [],
      },
    });
  }, 30_000);

  it('once deleted, is answered 400 deleted on its path when changed', async () => {
    const created = await connect({ display_name: 'to delete' });
    expect((await api.call('DELETE', `/payment-services/${created.body.id}`)).status).toBe(204);
    const renamed = await api.call('PUT', `/payment-services/${created.body.id}`, {
      body: { display_name: 'renamed' },
    });
    const message = `payment service ${created.body.id} was deleted`;
    expect({ status: renamed.status, body: renamed.body }).toEqual({
      status: 400,
      body: badRequest(message, { location: 'path', pointer: '/payment_service_id', type: 'deleted' }),
    });
  });
});

describe('a connection the provider cannot finish', () => {
  let api: Kessai;
  let refusal: Error | undefined;
  beforeAll(async () => {
    api = await startKessai({
      connector: new FakePaymentConnector(),
      setup: {
        verify: async () => undefined,
        prepare: async () => {
          if (refusal) throw refusal;
          return { webhookSigningSecret: null, providerWebhookEndpointId: null };
        },
      },
    });
  }, 60_000);
  afterAll(async () => {
    await api?.close();
  });

  it('needs the signing secret from the merchant when no webhook endpoint could be registered', async () => {
    refusal = undefined;
    const connect = await api.call('POST', '/payment-services', { body: { secret_key: 'sk_test_1' } });
    const message = 'webhook_signing_secret is required when Kessai cannot register the webhook endpoint itself';
    expect({ status: connect.status, body: connect.body }).toEqual({
      status: 400,
      body: {
        type: 'error',
        code: 'bad_request',
        status: 400,
        message,
        details: [{ location: 'body', pointer: '/webhook_signing_secret', message: 'required', type: 'missing' }],
      },
    });
  });

  it("is answered 400 with the provider's own code and words when it refuses the setup", async () => {
    refusal = new ProviderRefusedSetupError(
      'Smartpay refused the connection setup: request.invalid',
      'request.invalid',
      'url is not allowed',
    );
    const connect = await api.call('POST', '/payment-services', { body: { secret_key: 'sk_test_1' } });
    expect({ status: connect.status, body: connect.body }).toEqual({
      status: 400,
      body: {
        type: 'error',
        code: 'bad_request',
        status: 400,
        message: 'Smartpay refused the connection setup: request.invalid',
        details: [{ location: 'body', pointer: '/', message: 'url is not allowed', type: 'request.invalid' }],
      },
    });
  });
});
