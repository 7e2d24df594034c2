#!/usr/bin/env node
import { resolve } from 'node:path';
import { startSandbox } from '@kessai/smartpay-sandbox';
import { signToken } from './auth/keys';
import { type ParsedArgs, parseArgs, stringOption } from './cli/args';
import { createDashboardUser, readPasswordFromStdin, setDashboardPassword } from './cli/dashboard-users';
import { startDev } from './cli/dev';
import { defaultDataDir, devEncryptionKey, resetDevData } from './cli/dev-data';
import { createKeyFile, readKeyFile } from './cli/key-files';
import { UserError, userMessage } from './cli/user-error';
import { startClusterCommand } from './cluster/cluster-command';
import { type Config, loadConfig } from './composition/config';
import { startRuntime, startWorkerRuntime } from './composition/runtime';
import { openPostgres } from './storage/postgres-storage';

const USAGE = `kessai <command>

  dev [--reset]                    everything for local use (what \`pnpm start\` runs); --reset wipes the dev data first
  serve                            the API only (RUN_WORKER=true adds the job worker); refuses a schema behind the code
  worker                           the job worker only: jobs, janitor, outbox, merchant webhooks, retention
  migrate                          run database migrations (on DATABASE_DIRECT_URL, else DATABASE_URL), then exit
  cluster [--api 3] [--workers 1]  HAProxy, API and worker processes, PgBouncer, PostgreSQL (deploy/); --port 8080
  keys create --merchant <id>      make an ES512 key pair, register its public key, write the private key
             [--out <file>]        (default .data/keys/<merchant>-<kid>.json; a merchant of "*" is an admin key)
  token --key <file>               print a bearer token signed with that key
        [--scopes a,b] [--ttl s]   (default "*.read,*.write", 3600 seconds)
  users create --email <e-mail>    a dashboard user (prints a generated password unless --password-stdin)
       --role admin|viewer         [--merchant-account default] [--password-stdin]
  users set-password --email <e>   a new password (generated, or --password-stdin); ends the user's sessions
  reset                            delete the dev data (.data: database, sandbox state, keys); refused while running
  sandbox [--port 4010]            only the local Smartpay sandbox (in memory, or kept in --state-file <path>)

Without DATABASE_URL every command uses the dev database and encryption key under .data/ (the checkout's, or
DATA_DIR), next to a running \`pnpm start\` too. Configuration comes from the environment: README.md ("Configuration").
On SIGTERM \`serve\` drains: /readyz answers 503 for DRAIN_SECONDS while requests are still served, then it stops
accepting and finishes what is in flight (SHUTDOWN_TIMEOUT_SECONDS at most); \`worker\` finishes its running jobs.`;

/**
 * Settings for commands other than `dev`: DATA_DIR defaults to the checkout's `.data/`, and without
 * KESSAI_ENCRYPTION_KEY the dev key there is used (as `pnpm start` does), so `keys create` works on its database.
 * `serve` with DATABASE_URL is a deployment: it must be given its key.
 */
async function commandConfig(command: string): Promise<Config> {
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: defaultDataDir(process.env) };
  const deployed = (command === 'serve' || command === 'worker') && env.DATABASE_URL;
  if (!env.KESSAI_ENCRYPTION_KEY && env.STORAGE !== 'memory' && !deployed)
    env.KESSAI_ENCRYPTION_KEY = await devEncryptionKey(env.DATA_DIR as string);
  // `serve` is the API alone unless told otherwise: the job worker is a role of its own (`kessai worker`).
  if (command === 'serve') env.RUN_WORKER ||= 'false';
  return loadConfig(env);
}

async function main(argv: string[]): Promise<void> {
  const args = parseArgs(argv);
  const [command, sub] = args.positionals;
  if (command === 'help' || args.options.help || args.options.h) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  if (command === undefined) {
    process.stderr.write(`${USAGE}\n`);
    process.exitCode = 2;
    return;
  }
  switch (command) {
    case 'dev':
      return keepRunning(startDev({ reset: args.options.reset === true }));
    case 'cluster':
      return keepRunning(startClusterCommand(args));
    case 'serve': {
      const config = await commandConfig('serve');
      return keepRunning(
        (async () => {
          const runtime = await startRuntime(config, { migrations: migrationsFor(config) });
          await runtime.app.listen({ port: runtime.config.PORT, host: runtime.config.HOST });
          return runtime;
        })(),
        config,
      );
    }
    case 'worker': {
      const config = await commandConfig('worker');
      return keepRunning(startWorkerRuntime(config, { migrations: migrationsFor(config) }), config);
    }
    case 'migrate': {
      const postgres = await openPostgres(await commandConfig('migrate'), { migrations: 'apply' });
      console.log('migrations are current');
      return postgres.close();
    }
    case 'keys':
      if (sub === 'create') return createKey(args);
      break;
    case 'users':
      if (sub === 'create' || sub === 'set-password') return dashboardUsers(sub, args);
      break;
    case 'token': {
      const file = stringOption(args, 'key');
      if (!file)
        throw new UserError('token needs --key <file> (a key file from `keys create`, or .data/keys/default.json)');
      const key = await readKeyFile(file);
      const scopes = (stringOption(args, 'scopes') ?? '*.read,*.write').split(',').map((s) => s.trim());
      const ttl = Number(stringOption(args, 'ttl') ?? 3600);
      if (!Number.isInteger(ttl) || ttl <= 0) throw new UserError('--ttl must be a whole number of seconds');
      console.log(await signToken(key.privateJwk, { scopes, expiresInSeconds: ttl }));
      return;
    }
    case 'reset': {
      const dataDir = defaultDataDir(process.env);
      await resetDevData(dataDir, process.env);
      console.log(`dev data wiped (${dataDir})`);
      return;
    }
    case 'sandbox': {
      const stateFile = stringOption(args, 'state-file');
      const sandbox = await startSandbox({
        port: Number(stringOption(args, 'port') ?? 4010),
        ...(stateFile ? { stateFile: resolve(stateFile) } : {}),
      });
      console.log(`Smartpay sandbox at ${sandbox.apiBase} (control API: ${sandbox.baseUrl}/_sandbox)`);
      return keepRunning(Promise.resolve(sandbox));
    }
  }
  throw new UserError(`unknown command "${argv.join(' ')}" (kessai --help lists the commands)`);
}

async function createKey(args: ParsedArgs): Promise<void> {
  const merchant = stringOption(args, 'merchant') ?? 'default';
  const config = await commandConfig('keys');
  const postgres = await openPostgres(config, { migrations: 'apply' });
  try {
    const out =
      stringOption(args, 'out') ??
      resolve(config.DATA_DIR, 'keys', `${merchant.replace('*', 'admin')}-${Date.now()}.json`);
    const key = await createKeyFile(out, [merchant], postgres.storage.apiKeys);
    console.log(
      `registered key ${key.kid} for merchant account "${merchant}"; private key written to ${out} (keep it secret)`,
    );
  } finally {
    await postgres.close();
  }
}

async function dashboardUsers(sub: 'create' | 'set-password', args: ParsedArgs): Promise<void> {
  const email = stringOption(args, 'email');
  if (!email) throw new UserError(`users ${sub} needs --email <e-mail>`);
  const role = stringOption(args, 'role');
  if (sub === 'create' && !role) throw new UserError('users create needs --role admin|viewer');
  const password = args.options['password-stdin'] === true ? await readPasswordFromStdin() : undefined;
  const postgres = await openPostgres(await commandConfig('users'), { migrations: 'apply' });
  try {
    const { dashboard } = postgres.storage;
    const { user, generatedPassword } =
      sub === 'create'
        ? await createDashboardUser(dashboard, {
            email,
            role: role as string,
            merchantAccountId: stringOption(args, 'merchant-account') ?? 'default',
            password,
          })
        : await setDashboardPassword(dashboard, { email, password });
    console.log(
      sub === 'create'
        ? `created dashboard user ${user.email} (${user.role}, merchant account "${user.merchantAccountId}", id ${user.id})`
        : `new password set for ${user.email}; its sessions are signed out`,
    );
    if (generatedPassword) console.log(`password: ${generatedPassword}`);
  } finally {
    await postgres.close();
  }
}

/**
 * A deployment (DATABASE_URL) runs `kessai migrate` once per release, and its many processes never migrate; the
 * embedded dev database is brought up to date by whichever command opens it.
 */
function migrationsFor(config: Config): 'apply' | 'require' {
  return config.DATABASE_URL ? 'require' : 'apply';
}

/**
 * SIGTERM / Ctrl-C stop gracefully: an API first drains (readiness off, still serving for DRAIN_SECONDS), then
 * everything stops in reverse start order (requests in flight and running jobs finish, SHUTDOWN_TIMEOUT_SECONDS at
 * most); a second signal exits at once. The handlers are in place before start-up begins: a signal during it stops
 * what was started once it is up.
 */
async function keepRunning(
  starting: Promise<{ drain?(): void; stop(): Promise<void> }>,
  config: Pick<Config, 'DRAIN_SECONDS' | 'SHUTDOWN_TIMEOUT_SECONDS'> = {
    DRAIN_SECONDS: 0,
    SHUTDOWN_TIMEOUT_SECONDS: 10,
  },
): Promise<void> {
  let stoppingSince: number | null = null;
  const stop = () => {
    // Ctrl-C reaches this process both from the terminal and from `pnpm start`'s wrapper: one stop for both.
    if (stoppingSince !== null) {
      if (Date.now() - stoppingSince > 2000) process.exit(1);
      return;
    }
    stoppingSince = Date.now();
    const limit = config.DRAIN_SECONDS + config.SHUTDOWN_TIMEOUT_SECONDS + 5;
    setTimeout(() => {
      process.stderr.write(`shutdown did not finish within ${limit} s; exiting\n`);
      process.exit(1);
    }, limit * 1000).unref();
    starting
      .then(async (running) => {
        if (running.drain && config.DRAIN_SECONDS > 0) {
          process.stderr.write(`\ndraining for ${config.DRAIN_SECONDS} s (readiness off, still serving)…\n`);
          running.drain();
          await new Promise((resolve) => setTimeout(resolve, config.DRAIN_SECONDS * 1000));
        }
        process.stderr.write('\nstopping…\n');
        await running.stop();
      })
      .then(
        () => process.exit(0),
        (error: unknown) => {
          process.stderr.write(`stopped, with an error: ${error instanceof Error ? error.message : String(error)}\n`);
          process.exit(1);
        },
      );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  process.on('SIGHUP', stop);
  await starting;
}

main(process.argv.slice(2)).catch((error: unknown) => {
  const message = userMessage(error);
  process.stderr.write(message ? `kessai: ${message}\n` : `${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
