#!/usr/bin/env node
// `pnpm start`: builds the workspace and runs the HTTP API's dev entry point (embedded PostgreSQL + Smartpay sandbox).
// Until packages/http has its CLI, it says so instead of failing.
const { existsSync } = require('node:fs');
const { join } = require('node:path');
const { spawnSync } = require('node:child_process');

const root = join(__dirname, '..');
const cliSource = join(root, 'packages/http/src/cli.ts');
if (!existsSync(cliSource)) {
  console.log('Kessai: HTTP API not built yet (packages/http has no CLI). See README "Status".');
  process.exit(0);
}
const build = spawnSync('pnpm', ['-s', 'build'], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);
const run = spawnSync(process.execPath, [join(root, 'packages/http/dist/cli.js'), 'dev', ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
});
process.exit(run.status ?? 0);
