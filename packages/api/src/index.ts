// @kessai/api: the Gr4vy-shaped HTTP API on Fastify (routes, schemas, authentication, the dashboard's session and
// API-key routes). `buildApp` takes the services the composition root assembles; nothing here wires or starts them.
export { ApiError } from './api-error';
export type { KessaiApp } from './app';
export { buildApp, REDACTED_PATHS } from './app';
export { registerNewKey } from './auth/api-keys';
export { decodeJwt, es512PublicKey, verifiesEs512 } from './auth/es512-jwt';
export { createKeyPair, createPemKeyPair, signToken } from './auth/keys';
export type { DashboardServices } from './dashboard-auth/dashboard-services';
export { ScryptPasswordHasher } from './dashboard-auth/scrypt-password-hasher';
export { Drain } from './drain';
export { EMBED_SCRIPT_PATH } from './embed-static';
export { ExpiringReads } from './expiring-reads';
export { Metrics } from './metrics';
export { REQUEST_EXAMPLES } from './openapi-examples';
export { presentRefund } from './presenters';
export { buyerReturnLink } from './routes/buyer-return-link';
export type { ApiServices } from './services';
export { transactionView } from './transaction-view';
