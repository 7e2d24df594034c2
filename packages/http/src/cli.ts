#!/usr/bin/env node
import { resolve } from 'node:path';
import { startSandbox } from '@kessai/smartpay-sandbox';
import { signToken } from './auth/keys';
import { parseArgs, stringOption } from './cli/args';
import { startDev } from './cli/dev';
import { createKeyFile, readKeyFile } from './cli/key-files';
import { ConfigError, loadConfig } from './composition/config';
import { openPostgres } from './composition/postgres-runtime';
import { startRuntime } from './composition/runtime';

const USAGE = `kessai <command>

  dev                              everything for local use (what \`pnpm start\` runs)
  serve                            the API (+ background worker unless RUN_WORKER=false)
  migrate                          run database migrations, then exit
  keys create --merchant <id>      make an ES512 key pair, register its public key, write the private key
             [--out <file>]        (default .data/keys/<merchant>-<kid>.json; a merchant of "*" is an admin key)
  token --key <file>               print a bearer token signed with that key
        [--scopes a,b] [--ttl s]   (default "*.read,*.write", 3600 seconds)
  sandbox [--port 4010]            only the local Smartpay sandbox

Configuration comes from the environment: see README.md ("Configuration").`;

async function main(argv: string[]): Promise<void> {
  const args = parseArgs(argv);
  const [command, sub] = args.positionals;
  switch (command) {
    case 'dev':
      return keepRunning(await startDev());
    case 'serve': {
      const runtime = await startRuntime(loadConfig());
      await runtime.app.listen({ port: runtime.config.PORT, host: runtime.config.HOST });
      return keepRunning(runtime);
    }
    case 'migrate': {
      const postgres = await openPostgres({ ...loadConfig(), RUN_WORKER: false });
      console.log('migrations are current');
      return postgres.close();
    }
    case 'keys': {
      if (sub !== 'create') break;
      const merchant = stringOption(args, 'merchant') ?? 'default';
      const postgres = await openPostgres({ ...loadConfig(), RUN_WORKER: false });
      try {
        const out =
          stringOption(args, 'out') ?? resolve('.data', 'keys', `${merchant.replace('*', 'admin')}-${Date.now()}.json`);
        const key = await createKeyFile(out, [merchant], postgres.storage.apiKeys);
        console.log(
          `registered key ${key.kid} for merchant account "${merchant}"; private key written to ${out} (keep it secret)`,
        );
      } finally {
        await postgres.close();
      }
      return;
    }
    case 'token': {
      const file = stringOption(args, 'key');
      if (!file) break;
      const key = await readKeyFile(file);
      const scopes = (stringOption(args, 'scopes') ?? '*.read,*.write').split(',').map((s) => s.trim());
      console.log(
        await signToken(key.privateJwk, { scopes, expiresInSeconds: Number(stringOption(args, 'ttl') ?? 3600) }),
      );
      return;
    }
    case 'sandbox': {
      const sandbox = await startSandbox({ port: Number(stringOption(args, 'port') ?? 4010) });
      console.log(`Smartpay sandbox at ${sandbox.apiBase} (control API: ${sandbox.baseUrl}/_sandbox)`);
      return keepRunning(sandbox);
    }
  }
  console.error(USAGE);
  process.exitCode = 2;
}

/** Ctrl-C / SIGTERM stop everything cleanly; a second signal exits at once. */
function keepRunning(running: { stop(): Promise<void> }): void {
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) process.exit(1);
    stopping = true;
    console.error(`\n${signal}: stopping…`);
    // If the database vanished first, closing its pools can wait forever: give up after 10 s.
    setTimeout(() => {
      console.error('shutdown did not finish within 10 s; exiting');
      process.exit(1);
    }, 10_000).unref();
    running.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        // Ctrl-C reaches the embedded PostgreSQL too, so it may be gone before we close our connections.
        console.error(
          `stopped; some resources were already closed (${error instanceof Error ? error.message : String(error)})`,
        );
        process.exit(0);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
