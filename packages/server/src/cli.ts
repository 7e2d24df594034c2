#!/usr/bin/env node
import { runCommandLine } from './cli/command-line';
import { runServerCommand, SERVER_USAGE, SERVER_USAGE_NOTES } from './cli/server-commands';

runCommandLine('kessai', `kessai <command>\n\n${SERVER_USAGE}\n\n${SERVER_USAGE_NOTES}`, runServerCommand);
