// @kessai/devkit: the local stack (`pnpm start`, the quickstart, the local cluster) and the one test kit that starts
// Kessai for every test that needs it. Never a dependency of a production package.

export type { RunningHaproxy } from './cluster/haproxy';
export { startHaproxy } from './cluster/haproxy';
export { KESSAI_CLI, KESSAI_DEV_CLI } from './cluster/kessai-process';
export { startPgBouncer } from './cluster/pgbouncer';
export type { DevStack } from './dev/dev';
export { startApiProcess } from './testing/api-process';
export { eventually } from './testing/eventually';
export { freePort } from './testing/free-port';
export { createTransactionBody } from './testing/requests';
export {
  type Kessai,
  type KessaiWithSandbox,
  type StartKessaiOptions,
  startKessai,
  type TestStorage,
} from './testing/start-kessai';
export { type Received, WebhookReceiver } from './testing/webhook-receiver';
