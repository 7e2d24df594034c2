#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { startSandbox } from './server';

const HELP = `smartpay-sandbox: a local Smartpay API v1

  --port <n>                   (env SANDBOX_PORT, default 4010)
  --host <addr>                (env SANDBOX_HOST, default 127.0.0.1)
  --seed <s>                   (env SANDBOX_SEED) reproducible ids, secrets and fault draws
  --public-base-url <url>      (env SANDBOX_PUBLIC_BASE_URL) origin used in checkout-session urls
  --secret-key <sk_…>          (env SANDBOX_SECRET_KEYS, comma-separated) repeatable; default: any sk_test_/sk_live_ key
  --checkout-session-ttl-ms <n>  (env SANDBOX_CHECKOUT_SESSION_TTL_MS, default 1800000)
  --authorization-ttl-ms <n>   (env SANDBOX_AUTHORIZATION_TTL_MS, default 604800000)
  --state-file <path>          (env SANDBOX_STATE_FILE) keep the state in this file, saved after every change
  --lenient-amount             accept an amount that differs from the items (env SANDBOX_LENIENT_AMOUNT=1)
`;

function integer(name: string, value: string | undefined): number | undefined {
  if (value === undefined || value === '') return undefined;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0)
    throw new Error(`${name} must be a non-negative integer, got '${value}'`);
  return parsed;
}

async function main(): Promise<void> {
  const env = process.env;
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      seed: { type: 'string' },
      'public-base-url': { type: 'string' },
      'secret-key': { type: 'string', multiple: true },
      'checkout-session-ttl-ms': { type: 'string' },
      'authorization-ttl-ms': { type: 'string' },
      'lenient-amount': { type: 'boolean' },
      'state-file': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    process.stdout.write(HELP);
    return;
  }
  const secretKeys = values['secret-key'] ?? env.SANDBOX_SECRET_KEYS?.split(',').filter(Boolean);
  const sandbox = await startSandbox({
    port: integer('port', values.port ?? env.SANDBOX_PORT) ?? 4010,
    host: values.host ?? env.SANDBOX_HOST ?? '127.0.0.1',
    seed: values.seed ?? env.SANDBOX_SEED,
    publicBaseUrl: values['public-base-url'] ?? env.SANDBOX_PUBLIC_BASE_URL,
    secretKeys: secretKeys && secretKeys.length > 0 ? secretKeys : undefined,
    checkoutSessionTtlMs: integer(
      'checkout-session-ttl-ms',
      values['checkout-session-ttl-ms'] ?? env.SANDBOX_CHECKOUT_SESSION_TTL_MS,
    ),
    authorizationTtlMs: integer(
      'authorization-ttl-ms',
      values['authorization-ttl-ms'] ?? env.SANDBOX_AUTHORIZATION_TTL_MS,
    ),
    strictAmountCheck: !(values['lenient-amount'] || env.SANDBOX_LENIENT_AMOUNT === '1'),
    stateFile: values['state-file'] ?? env.SANDBOX_STATE_FILE,
  });
  process.stdout.write(
    `Smartpay sandbox listening on ${sandbox.baseUrl}\n  API:     ${sandbox.apiBase}\n  control: ${sandbox.baseUrl}/_sandbox/state\n`,
  );
  const shutdown = () => {
    sandbox.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
