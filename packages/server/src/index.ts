// @kessai/server: the application that runs Kessai: composition root, storage assembly, jobs, lifecycle and the
// `kessai serve|worker|migrate|keys|users|token` commands.

export type { ParsedArgs } from './cli/args';
export { parseArgs, stringOption } from './cli/args';
export { runCommandLine } from './cli/command-line';
export { generatePassword } from './cli/dashboard-users';
export {
  claimDevLock,
  defaultDataDir,
  devEncryptionKey,
  devKeyNotice,
  keyMismatchMessage,
  resetDevData,
} from './cli/dev-data';
export { keepRunning } from './cli/keep-running';
export type { KeyFile } from './cli/key-files';
export { ensureKeyFile } from './cli/key-files';
export { runServerCommand, SERVER_USAGE, SERVER_USAGE_NOTES } from './cli/server-commands';
export { isKeyMismatch, UserError, userMessage } from './cli/user-error';
export type { Config } from './composition/config';
export { loadConfig } from './composition/config';
export { DASHBOARD_SERVICES } from './composition/dashboard-bindings';
export type { Runtime } from './composition/runtime';
export { startRuntime } from './composition/runtime';
export { TOKENS } from './composition/tokens';
export { smartpayResources } from './connectors/smartpay-resources';
export { networkCause, smartpayUnreachable } from './connectors/smartpay-unreachable';
export { InProcessJobs } from './jobs/in-process-jobs';
export type { JobHandlers } from './jobs/job-handlers';
export { UndiciWebhookTransport } from './merchant-webhooks/undici-webhook-transport';
