// The scopes a key may be made with, as the API's `POST /api-keys` lists them (a spec holds the two lists equal).
export const API_KEY_SCOPES = [
  '*.read',
  '*.write',
  'transactions.read',
  'transactions.write',
  'buyers.read',
  'buyers.write',
  'payment-services.read',
  'payment-services.write',
  'webhook-subscriptions.read',
  'webhook-subscriptions.write',
  'api-keys.read',
  'api-keys.write',
  'reconciliation.read',
  'reconciliation.write',
] as const;

/** What a new key is offered with: reading everything, the least a backend that only looks needs. */
export const DEFAULT_API_KEY_SCOPES: readonly string[] = ['*.read'];
