import {
  MissingRequiredFieldError,
  PaymentServiceDeletedError,
  PaymentServiceNotFoundError,
  WebhookSigningSecretRequiredError,
} from '../errors';
import type { Clock } from '../shared/clock';
import type { IdGenerator } from '../shared/id-generator';
import type { ConnectionSetup, CredentialsCheck } from './connection-setup';
import type { PaymentService } from './payment-service';
import type { PaymentServiceRepository } from './payment-service-repository';

export interface ConnectionDependencies {
  paymentServices: PaymentServiceRepository;
  setup: ConnectionSetup;
  clock: Clock;
  ids: IdGenerator;
  /** Where the provider sends a connection's webhooks (Kessai's public URL for it). */
  webhookUrl(connector: string, paymentServiceId: string): string;
}

/** A connection with its rank among the merchant's, oldest first, and whether transactions naming none use it. */
export interface RankedConnection {
  service: PaymentService;
  position: number;
  /** The repository's `findDefault` for its connector: the one a transaction naming no connection is made on. */
  usedForNewTransactions: boolean;
}

export interface NewConnection {
  connector: string;
  displayName: string;
  active: boolean;
  secretKey: string;
  webhookSigningSecret: string | null;
}

/** Undefined keeps what the connection has. */
export interface ConnectionChanges {
  displayName?: string | undefined;
  active?: boolean | undefined;
  secretKey?: string | undefined;
  webhookSigningSecret?: string | undefined;
}

/**
 * Connect, change, check and delete a merchant's connections to providers, every call scoped by merchant account.
 * A key is stored only once the provider took it; a deleted connection is kept, inactive, for its transactions.
 */
export class ManageConnections {
  constructor(private readonly deps: ConnectionDependencies) {}

  async connect(merchantAccountId: string, input: NewConnection): Promise<RankedConnection> {
    const id = this.deps.ids.uuid();
    const prepared = await this.prepare(input.connector, id, input.secretKey, input.webhookSigningSecret);
    const now = this.deps.clock.now();
    const service: PaymentService = {
      id,
      merchantAccountId,
      connector: input.connector,
      displayName: input.displayName,
      active: input.active,
      credentials: { secretKey: input.secretKey, webhookSigningSecret: prepared.webhookSigningSecret },
      providerWebhookEndpointId: prepared.providerWebhookEndpointId,
      createdAt: now,
      updatedAt: now,
    };
    await this.deps.paymentServices.add(service);
    return this.ranked(service);
  }

  async get(merchantAccountId: string, id: string): Promise<RankedConnection> {
    return this.ranked(await this.find(merchantAccountId, id));
  }

  /** Deleted connections are listed only when asked for, and then only they. */
  async list(
    merchantAccountId: string,
    query: { connector?: string | undefined; deleted: boolean },
  ): Promise<RankedConnection[]> {
    const all = await this.deps.paymentServices.list(merchantAccountId);
    const defaults = await this.defaultsFor(
      merchantAccountId,
      all.map((service) => service.connector),
    );
    return all
      .map((service, index) => ({ service, position: index + 1, usedForNewTransactions: defaults.has(service.id) }))
      .filter(({ service }) => query.connector === undefined || service.connector === query.connector)
      .filter(({ service }) => Boolean(service.deletedAt) === query.deleted);
  }

  /** A new key gets a new webhook endpoint at the provider unless its signing secret comes with it. */
  async update(merchantAccountId: string, id: string, changes: ConnectionChanges): Promise<RankedConnection> {
    const current = await this.find(merchantAccountId, id);
    if (current.deletedAt) throw new PaymentServiceDeletedError(`payment service ${current.id} was deleted`);
    let { credentials, providerWebhookEndpointId } = current;
    if (changes.secretKey || changes.webhookSigningSecret) {
      const secretKey = changes.secretKey ?? current.credentials.secretKey ?? '';
      const keptSigning = changes.secretKey ? null : (current.credentials.webhookSigningSecret ?? null);
      const signing = changes.webhookSigningSecret ?? keptSigning;
      const prepared = await this.prepare(current.connector, current.id, secretKey, signing);
      credentials = { secretKey, webhookSigningSecret: prepared.webhookSigningSecret };
      providerWebhookEndpointId = prepared.providerWebhookEndpointId ?? providerWebhookEndpointId;
    }
    const updated: PaymentService = {
      ...current,
      displayName: changes.displayName ?? current.displayName,
      active: changes.active ?? current.active,
      credentials,
      providerWebhookEndpointId,
      updatedAt: this.deps.clock.now(),
    };
    await this.deps.paymentServices.update(updated);
    return this.ranked(updated);
  }

  /** Checks with the provider the key given, or the one a connection holds; nothing is stored or registered. */
  async verify(merchantAccountId: string, credentials: CredentialsCheck | { paymentServiceId: string }): Promise<void> {
    if ('secretKey' in credentials) return this.deps.setup.verify(credentials);
    const service = await this.find(merchantAccountId, credentials.paymentServiceId);
    const secretKey = service.credentials.secretKey;
    if (!secretKey) throw new MissingRequiredFieldError(`payment service ${service.id} holds no secret key`);
    return this.deps.setup.verify({ connector: service.connector, secretKey });
  }

  /** Deleting twice is deleting once. */
  async remove(merchantAccountId: string, id: string): Promise<void> {
    const current = await this.find(merchantAccountId, id);
    if (current.deletedAt) return;
    const now = this.deps.clock.now();
    await this.deps.paymentServices.update({ ...current, active: false, deletedAt: now, updatedAt: now });
  }

  private async find(merchantAccountId: string, id: string): Promise<PaymentService> {
    const service = await this.deps.paymentServices.get(merchantAccountId, id);
    if (!service) throw new PaymentServiceNotFoundError(`payment service ${id} was not found`);
    return service;
  }

  private async ranked(service: PaymentService): Promise<RankedConnection> {
    const all = await this.deps.paymentServices.list(service.merchantAccountId);
    const defaults = await this.defaultsFor(service.merchantAccountId, [service.connector]);
    return {
      service,
      position: all.findIndex((candidate) => candidate.id === service.id) + 1,
      usedForNewTransactions: defaults.has(service.id),
    };
  }

  /** The ids of the connections new transactions use, one per connector: asked of the port that chooses them. */
  private async defaultsFor(merchantAccountId: string, connectors: readonly string[]): Promise<Set<string>> {
    const chosen = await Promise.all(
      [...new Set(connectors)].map((connector) => this.deps.paymentServices.findDefault(merchantAccountId, connector)),
    );
    return new Set(chosen.flatMap((service) => (service ? [service.id] : [])));
  }

  private async prepare(connector: string, id: string, secretKey: string, webhookSigningSecret: string | null) {
    const webhookUrl = this.deps.webhookUrl(connector, id);
    const prepared = await this.deps.setup.prepare({ connector, secretKey, webhookSigningSecret, webhookUrl });
    if (!prepared.webhookSigningSecret) throw new WebhookSigningSecretRequiredError();
    return { ...prepared, webhookSigningSecret: prepared.webhookSigningSecret };
  }
}
