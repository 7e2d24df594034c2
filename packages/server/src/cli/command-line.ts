import { type ParsedArgs, parseArgs } from './args';
import { UserError, userMessage } from './user-error';

/**
 * A command-line program as a user meets it: help on stdout with exit 0, no command → the usage on stderr with exit
 * 2, a mistake as one line on stderr with exit 1 and no stack. `run` answers false for a command it doesn't know.
 */
export function runCommandLine(name: string, usage: string, run: (args: ParsedArgs) => Promise<boolean>): void {
  const argv = process.argv.slice(2);
  const main = async () => {
    const args = parseArgs(argv);
    const [command] = args.positionals;
    if (command === 'help' || args.options.help || args.options.h) {
      process.stdout.write(`${usage}\n`);
      return;
    }
    if (command === undefined) {
      process.stderr.write(`${usage}\n`);
      process.exitCode = 2;
      return;
    }
    if (await run(args)) return;
    throw new UserError(`unknown command "${argv.join(' ')}" (${name} --help lists the commands)`);
  };
  main().catch((error: unknown) => {
    const message = userMessage(error);
    process.stderr.write(
      message ? `kessai: ${message}\n` : `${error instanceof Error ? error.stack : String(error)}\n`,
    );
    process.exit(1);
  });
}
