import {
  PaymentServiceDeletedError,
  PaymentServiceNotFoundError,
  ProviderCredentialsRefusedError,
  WebhookSigningSecretRequiredError,
} from '../errors';
import { InMemoryPaymentServiceRepository } from '../in-memory/in-memory-payment-service-repository';
import { RandomIdGenerator } from '../shared/random-id-generator';
import { ManualClock } from '../shared/system-clock';
import type { ConnectionRequest, ConnectionSetup, CredentialsCheck } from './connection-setup';
import { ManageConnections, type NewConnection } from './manage-connections';

/** A provider that takes keys starting with `sk_`, and registers an endpoint unless told it cannot. */
class ScriptedSetup implements ConnectionSetup {
  readonly prepared: ConnectionRequest[] = [];
  readonly verified: string[] = [];
  registers = true;
  private endpoints = 0;

  async prepare(input: ConnectionRequest) {
    this.check(input.secretKey);
    this.prepared.push({ ...input });
    if (input.webhookSigningSecret)
      return { webhookSigningSecret: input.webhookSigningSecret, providerWebhookEndpointId: null };
    if (!this.registers) return { webhookSigningSecret: null, providerWebhookEndpointId: null };
    this.endpoints += 1;
    return { webhookSigningSecret: `whsec_${this.endpoints}`, providerWebhookEndpointId: `we_${this.endpoints}` };
  }

  async verify(input: CredentialsCheck) {
    this.check(input.secretKey);
    this.verified.push(input.secretKey);
  }

  private check(secretKey: string) {
    if (!secretKey.startsWith('sk_')) throw new ProviderCredentialsRefusedError('the provider refused the key');
  }
}

function setup() {
  const clock = new ManualClock(new Date('2026-03-01T10:00:00.000Z'));
  const provider = new ScriptedSetup();
  const paymentServices = new InMemoryPaymentServiceRepository();
  const manage = new ManageConnections({
    paymentServices,
    setup: provider,
    clock,
    ids: new RandomIdGenerator(),
    webhookUrl: (connector, id) => `https://kessai.example/webhooks/${connector}/${id}`,
  });
  return { clock, provider, paymentServices, manage };
}

const smartpay = (overrides: Partial<NewConnection> = {}): NewConnection => ({
  connector: 'smartpay',
  displayName: 'Smartpay',
  active: true,
  secretKey: 'sk_one',
  webhookSigningSecret: null,
  ...overrides,
});

describe('a merchant’s connections to providers', () => {
  it('are made with Kessai’s webhook endpoint registered for them, and keep the secret the provider returned', async () => {
    const { manage, provider } = setup();
    const { service, position } = await manage.connect('m-1', smartpay());
    expect(provider.prepared).toEqual([
      {
        connector: 'smartpay',
        secretKey: 'sk_one',
        webhookSigningSecret: null,
        webhookUrl: `https://kessai.example/webhooks/smartpay/${service.id}`,
      },
    ]);
    expect(service).toMatchObject({
      merchantAccountId: 'm-1',
      credentials: { secretKey: 'sk_one', webhookSigningSecret: 'whsec_1' },
      providerWebhookEndpointId: 'we_1',
    });
    expect(position).toBe(1);
  });

  it('keep a signing secret the merchant gives, and register nothing for it', async () => {
    const { manage } = setup();
    const { service } = await manage.connect('m-1', smartpay({ webhookSigningSecret: 'whsec_given' }));
    expect(service.credentials.webhookSigningSecret).toBe('whsec_given');
    expect(service.providerWebhookEndpointId).toBeNull();
  });

  it('are not stored when the provider refuses the key', async () => {
    const { manage, paymentServices } = setup();
    await expect(manage.connect('m-1', smartpay({ secretKey: 'wrong' }))).rejects.toBeInstanceOf(
      ProviderCredentialsRefusedError,
    );
    expect(await paymentServices.list('m-1')).toEqual([]);
  });

  it('need a signing secret from the merchant when the provider could not register an endpoint', async () => {
    const { manage, provider, paymentServices } = setup();
    provider.registers = false;
    await expect(manage.connect('m-1', smartpay())).rejects.toBeInstanceOf(WebhookSigningSecretRequiredError);
    expect(await paymentServices.list('m-1')).toEqual([]);
  });

  it('are ranked oldest first, deleted ones counted but listed only when asked for', async () => {
    const { manage, clock } = setup();
    const first = await manage.connect('m-1', smartpay());
    clock.advance(1_000);
    const second = await manage.connect('m-1', smartpay());
    clock.advance(1_000);
    const third = await manage.connect('m-1', smartpay());
    await manage.remove('m-1', second.service.id);
    const listed = await manage.list('m-1', { deleted: false });
    expect(listed.map(({ service, position }) => [service.id, position])).toEqual([
      [first.service.id, 1],
      [third.service.id, 3],
    ]);
    expect((await manage.list('m-1', { deleted: true })).map(({ position }) => position)).toEqual([2]);
    expect(await manage.list('m-1', { connector: 'other', deleted: false })).toEqual([]);
    expect((await manage.get('m-1', third.service.id)).position).toBe(3);
  });

  it('say which one transactions naming none are made on: the oldest active one of each connector', async () => {
    const { manage, clock } = setup();
    const first = await manage.connect('m-1', smartpay({ active: false }));
    clock.advance(1_000);
    const second = await manage.connect('m-1', smartpay());
    clock.advance(1_000);
    const third = await manage.connect('m-1', smartpay());
    clock.advance(1_000);
    const other = await manage.connect('m-1', smartpay({ connector: 'other' }));
    const used = async () =>
      (await manage.list('m-1', { deleted: false })).flatMap((c) => (c.usedForNewTransactions ? [c.service.id] : []));
    expect(await used()).toEqual([second.service.id, other.service.id]);
    expect(third.usedForNewTransactions).toBe(false);
    expect((await manage.get('m-1', second.service.id)).usedForNewTransactions).toBe(true);
    expect((await manage.update('m-1', second.service.id, { active: false })).usedForNewTransactions).toBe(false);
    expect(await used()).toEqual([third.service.id, other.service.id]);
    expect((await manage.update('m-1', first.service.id, { active: true })).usedForNewTransactions).toBe(true);
  });

  it('given a new key, get a new webhook endpoint for it, unless its signing secret comes with it', async () => {
    const { manage } = setup();
    const { service } = await manage.connect('m-1', smartpay());
    const rekeyed = await manage.update('m-1', service.id, { secretKey: 'sk_two' });
    expect(rekeyed.service.credentials).toEqual({ secretKey: 'sk_two', webhookSigningSecret: 'whsec_2' });
    expect(rekeyed.service.providerWebhookEndpointId).toBe('we_2');
    const withSecret = await manage.update('m-1', service.id, {
      secretKey: 'sk_three',
      webhookSigningSecret: 'whsec_x',
    });
    expect(withSecret.service.credentials).toEqual({ secretKey: 'sk_three', webhookSigningSecret: 'whsec_x' });
    expect(withSecret.service.providerWebhookEndpointId).toBe('we_2');
  });

  it('change name and activity without asking the provider', async () => {
    const { manage, provider, clock } = setup();
    const { service } = await manage.connect('m-1', smartpay());
    clock.advance(5_000);
    const renamed = await manage.update('m-1', service.id, { displayName: 'Main', active: false });
    expect(renamed.service).toEqual({
      ...service,
      displayName: 'Main',
      active: false,
      updatedAt: new Date('2026-03-01T10:00:05.000Z'),
    });
    expect(provider.prepared).toHaveLength(1);
  });

  it('once deleted are kept, inactive, and no longer changed; deleting again changes nothing', async () => {
    const { manage, clock } = setup();
    const { service } = await manage.connect('m-1', smartpay());
    await manage.remove('m-1', service.id);
    const deleted = (await manage.get('m-1', service.id)).service;
    expect(deleted).toMatchObject({ active: false, deletedAt: new Date('2026-03-01T10:00:00.000Z') });
    await expect(manage.update('m-1', service.id, { displayName: 'x' })).rejects.toBeInstanceOf(
      PaymentServiceDeletedError,
    );
    clock.advance(1_000);
    await manage.remove('m-1', service.id);
    expect((await manage.get('m-1', service.id)).service).toEqual(deleted);
  });

  it('of another merchant are not found', async () => {
    const { manage } = setup();
    const { service } = await manage.connect('m-1', smartpay());
    await expect(manage.get('m-2', service.id)).rejects.toBeInstanceOf(PaymentServiceNotFoundError);
    await expect(manage.update('m-2', service.id, { active: false })).rejects.toBeInstanceOf(
      PaymentServiceNotFoundError,
    );
    await expect(manage.remove('m-2', service.id)).rejects.toBeInstanceOf(PaymentServiceNotFoundError);
    await expect(manage.verify('m-2', { paymentServiceId: service.id })).rejects.toBeInstanceOf(
      PaymentServiceNotFoundError,
    );
  });

  it('check a key with the provider, the one given or the one a connection holds, storing nothing', async () => {
    const { manage, provider, paymentServices } = setup();
    await manage.verify('m-1', { connector: 'smartpay', secretKey: 'sk_given' });
    expect(await paymentServices.list('m-1')).toEqual([]);
    const { service } = await manage.connect('m-1', smartpay({ secretKey: 'sk_stored' }));
    await manage.verify('m-1', { paymentServiceId: service.id });
    expect(provider.verified).toEqual(['sk_given', 'sk_stored']);
    await expect(manage.verify('m-1', { connector: 'smartpay', secretKey: 'wrong' })).rejects.toBeInstanceOf(
      ProviderCredentialsRefusedError,
    );
  });
});
