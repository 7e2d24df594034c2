import { resolve } from 'node:path';
import { signToken } from '@kessai/api';
import { type Config, loadConfig } from '../composition/config';
import { startRuntime, startWorkerRuntime } from '../composition/runtime';
import { openPostgres } from '../storage/postgres-storage';
import { type ParsedArgs, stringOption } from './args';
import { createDashboardUser, readPasswordFromStdin, setDashboardPassword } from './dashboard-users';
import { defaultDataDir, devEncryptionKey } from './dev-data';
import { keepRunning } from './keep-running';
import { createKeyFile, readKeyFile } from './key-files';
import { UserError } from './user-error';

export const SERVER_USAGE = `  serve                            the API only (RUN_WORKER=true adds the job worker); refuses a schema behind the code
  worker                           the job worker only: jobs, janitor, outbox, merchant webhooks, retention
  migrate                          run database migrations (on DATABASE_DIRECT_URL, else DATABASE_URL), then exit
  keys create --merchant <id>      make an ES512 key pair, register its public key, write the private key
             [--out <file>]        (default .data/keys/<merchant>-<kid>.json; a merchant of "*" is an admin key)
  token --key <file>               print a bearer token signed with that key
        [--scopes a,b] [--ttl s]   (default "*.read,*.write", 3600 seconds)
  users create --email <e-mail>    a dashboard user (prints a generated password unless --password-stdin)
       --role admin|viewer         [--merchant-account default] [--password-stdin]
  users set-password --email <e>   a new password (generated, or --password-stdin); ends the user's sessions`;

export const SERVER_USAGE_NOTES = `Without DATABASE_URL every command uses the dev database and encryption key under .data/ (the checkout's, or
DATA_DIR), next to a running \`pnpm start\` too. Configuration comes from the environment: README.md ("Configuration").
On SIGTERM \`serve\` drains: /readyz answers 503 for DRAIN_SECONDS while requests are still served, then it stops
accepting and finishes what is in flight (SHUTDOWN_TIMEOUT_SECONDS at most); \`worker\` finishes its running jobs.`;

/** Runs one of the production commands; false when `args` names none of them. */
export async function runServerCommand(args: ParsedArgs): Promise<boolean> {
  const [command, sub] = args.positionals;
  switch (command) {
    case 'serve': {
      const config = await commandConfig('serve');
      await keepRunning(
        (async () => {
          const runtime = await startRuntime(config, { migrations: migrationsFor(config) });
          await runtime.app.listen({ port: runtime.config.PORT, host: runtime.config.HOST });
          return runtime;
        })(),
        config,
      );
      return true;
    }
    case 'worker': {
      const config = await commandConfig('worker');
      await keepRunning(startWorkerRuntime(config, { migrations: migrationsFor(config) }), config);
      return true;
    }
    case 'migrate': {
      const postgres = await openPostgres(await commandConfig('migrate'), { migrations: 'apply' });
      console.log('migrations are current');
      await postgres.close();
      return true;
    }
    case 'keys':
      if (sub !== 'create') return false;
      await createKey(args);
      return true;
    case 'users':
      if (sub !== 'create' && sub !== 'set-password') return false;
      await dashboardUsers(sub, args);
      return true;
    case 'token': {
      const file = stringOption(args, 'key');
      if (!file)
        throw new UserError('token needs --key <file> (a key file from `keys create`, or .data/keys/default.json)');
      const key = await readKeyFile(file);
      const scopes = (stringOption(args, 'scopes') ?? '*.read,*.write').split(',').map((s) => s.trim());
      const ttl = Number(stringOption(args, 'ttl') ?? 3600);
      if (!Number.isInteger(ttl) || ttl <= 0) throw new UserError('--ttl must be a whole number of seconds');
      console.log(await signToken(key.privateJwk, { scopes, expiresInSeconds: ttl }));
      return true;
    }
    default:
      return false;
  }
}

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
