/** A key to check with a provider. */
export interface CredentialsCheck {
  connector: string;
  secretKey: string;
}

/** A connection about to be made: its key, and where the provider is to send its webhooks. */
export interface ConnectionRequest extends CredentialsCheck {
  /** Given by the merchant; when null, Kessai registers its webhook endpoint and keeps the provider's secret. */
  webhookSigningSecret: string | null;
  webhookUrl: string;
}

/** What the provider gave back for a new connection. */
export interface PreparedConnection {
  /** Null when none was given and the provider could not register an endpoint that has one. */
  webhookSigningSecret: string | null;
  /** The endpoint Kessai registered at the provider, when it registered one. */
  providerWebhookEndpointId: string | null;
}

/**
 * A provider's side of making a connection: the secret key must work, and unless a signing secret is given,
 * Kessai's webhook URL is registered there. Refusals throw `ProviderCredentialsRefusedError` (the key) or
 * `ProviderRefusedSetupError` (anything else); no usable answer throws `ProviderUnreachableError`.
 */
export interface ConnectionSetup {
  prepare(request: ConnectionRequest): Promise<PreparedConnection>;
  /** Checks the key and changes nothing at the provider. */
  verify(check: CredentialsCheck): Promise<void>;
}
