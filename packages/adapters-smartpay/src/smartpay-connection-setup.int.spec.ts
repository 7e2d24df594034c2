import {
  type ConnectionRequest,
  ProviderCredentialsRefusedError,
  ProviderRefusedSetupError,
  ProviderUnreachableError,
} from '@kessai/domain';
import { type RunningSandbox, startSandbox } from '@kessai/smartpay-sandbox';
import { SmartpayConnectionSetup } from './smartpay-connection-setup';
import { SmartpayPaymentConnector } from './smartpay-payment-connector';

/** Making a connection against the local sandbox over real HTTP; every failure arrives as a domain error. */
describe('SmartpayConnectionSetup against the sandbox', () => {
  let sandbox: RunningSandbox;
  let connector: SmartpayPaymentConnector;
  let setup: SmartpayConnectionSetup;
  const key = () => `sk_test_${Math.random().toString(36).slice(2)}`;
  const webhookUrl = 'https://kessai.example/webhooks/smartpay/ps-1';

  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0 });
    connector = new SmartpayPaymentConnector({
      apiBase: sandbox.apiBase,
      totalTimeoutMs: 1_500,
      retry: { maxAttempts: 2, baseDelayMs: 10, maxDelayMs: 20 },
    });
    setup = new SmartpayConnectionSetup(connector.client);
  });
  afterEach(() => sandbox.control.clearFaults());
  afterAll(async () => {
    await connector.client.close();
    await sandbox.stop();
  });

  const input = (overrides: Partial<ConnectionRequest> = {}): ConnectionRequest => ({
    connector: 'smartpay',
    secretKey: key(),
    webhookSigningSecret: null,
    webhookUrl,
    ...overrides,
  });

  it('registers Kessai’s webhook endpoint for a key Smartpay takes, and keeps the signing secret it returns', async () => {
    const prepared = await setup.prepare(input());
    expect(prepared.providerWebhookEndpointId).toEqual(expect.any(String));
    expect(prepared.webhookSigningSecret).toEqual(expect.any(String));
  });

  it('registers nothing when the signing secret is given', async () => {
    expect(await setup.prepare(input({ webhookSigningSecret: 'given' }))).toEqual({
      webhookSigningSecret: 'given',
      providerWebhookEndpointId: null,
    });
  });

  it('refuses a key Smartpay refuses, on prepare and on verify alike', async () => {
    const refused = new ProviderCredentialsRefusedError(
      'Smartpay refused the secret key (401): check it in the Smartpay dashboard',
    );
    await expect(setup.prepare(input({ secretKey: 'not-a-key' }))).rejects.toEqual(refused);
    await expect(setup.verify({ connector: 'smartpay', secretKey: 'not-a-key' })).rejects.toEqual(refused);
    await expect(setup.verify({ connector: 'smartpay', secretKey: key() })).resolves.toBeUndefined();
  });

  it('keeps Smartpay’s own code and words when it refuses the setup for another reason', async () => {
    const refusal = setup.prepare(input({ webhookUrl: 'not a url' }));
    await expect(refusal).rejects.toBeInstanceOf(ProviderRefusedSetupError);
    await expect(refusal).rejects.toMatchObject({
      message: expect.stringMatching(/^Smartpay refused the connection setup: /),
      providerCode: expect.any(String),
      providerMessage: expect.any(String),
    });
  });

  it('says Smartpay could not be reached when it answers no usable answer', async () => {
    sandbox.control.addFault({ match: { path: '/v1/orders' }, times: 5, kind: 'status', status: 503 });
    await expect(setup.verify({ connector: 'smartpay', secretKey: key() })).rejects.toEqual(
      new ProviderUnreachableError('Smartpay could not be reached to verify the credentials; try again'),
    );
  });
});
