#!/usr/bin/env node
import { parseArgs } from './cli/args';
import { runServerCommand, SERVER_USAGE, SERVER_USAGE_NOTES } from './cli/server-commands';
import { UserError, userMessage } from './cli/user-error';

const USAGE = `kessai <command>

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
  if (await runServerCommand(args)) return;
  throw new UserError(`unknown command "${argv.join(' ')}" (kessai --help lists the commands)`);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  const message = userMessage(error);
  process.stderr.write(message ? `kessai: ${message}\n` : `${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
