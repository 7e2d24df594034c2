#!/usr/bin/env node
import { resolve } from 'node:path';
import {
  defaultDataDir,
  keepRunning,
  parseArgs,
  resetDevData,
  runServerCommand,
  SERVER_USAGE,
  SERVER_USAGE_NOTES,
  stringOption,
  UserError,
  userMessage,
} from '@kessai/server';
import { startSandbox } from '@kessai/smartpay-sandbox';
import { startClusterCommand } from './cluster/cluster-command';
import { startDev } from './dev/dev';

// The development CLI: the local stack's commands, and every production command of `kessai` beside them.
const USAGE = `kessai-dev <command>

  dev [--reset]                    everything for local use (what \`pnpm start\` runs); --reset wipes the dev data first
  cluster [--api 3] [--workers 1]  HAProxy, API and worker processes, PgBouncer, PostgreSQL (deploy/); --port 8080
  reset                            delete the dev data (.data: database, sandbox state, keys); refused while running
  sandbox [--port 4010]            only the local Smartpay sandbox (in memory, or kept in --state-file <path>)
${SERVER_USAGE}

${SERVER_USAGE_NOTES}`;

async function main(argv: string[]): Promise<void> {
  const args = parseArgs(argv);
  const [command] = args.positionals;
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
  if (await runServerCommand(args)) return;
  throw new UserError(`unknown command "${argv.join(' ')}" (kessai-dev --help lists the commands)`);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  const message = userMessage(error);
  process.stderr.write(message ? `kessai: ${message}\n` : `${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
