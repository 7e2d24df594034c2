#!/usr/bin/env node
import { resolve } from 'node:path';
import {
  defaultDataDir,
  keepRunning,
  type ParsedArgs,
  resetDevData,
  runCommandLine,
  runServerCommand,
  SERVER_USAGE,
  SERVER_USAGE_NOTES,
  stringOption,
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

async function runDevCommand(args: ParsedArgs): Promise<boolean> {
  const [command] = args.positionals;
  switch (command) {
    case 'dev':
      await keepRunning(startDev({ reset: args.options.reset === true }));
      return true;
    case 'cluster':
      await keepRunning(startClusterCommand(args));
      return true;
    case 'reset': {
      const dataDir = defaultDataDir(process.env);
      await resetDevData(dataDir, process.env);
      console.log(`dev data wiped (${dataDir})`);
      return true;
    }
    case 'sandbox': {
      const stateFile = stringOption(args, 'state-file');
      const sandbox = await startSandbox({
        port: Number(stringOption(args, 'port') ?? 4010),
        ...(stateFile ? { stateFile: resolve(stateFile) } : {}),
      });
      console.log(`Smartpay sandbox at ${sandbox.apiBase} (control API: ${sandbox.baseUrl}/_sandbox)`);
      await keepRunning(Promise.resolve(sandbox));
      return true;
    }
    default:
      return runServerCommand(args);
  }
}

runCommandLine('kessai-dev', USAGE, runDevCommand);
