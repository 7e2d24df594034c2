#!/usr/bin/env node
// `pnpm start`: builds the workspace (tsc -b, then the dashboard's assets and the embed script), then runs the dev CLI's `dev` (packages/devkit) (embedded PostgreSQL + Smartpay
// sandbox). `pnpm start -- --reset` wipes the dev data first. Ctrl-C or a kill of this process stops everything.
const { join } = require('node:path');
const { spawn } = require('node:child_process');

const root = join(__dirname, '..');
const args = process.argv.slice(2).filter((arg) => arg !== '--');
let child = null;
let signalled = null;

// A signal to this process (kill, or Ctrl-C, which the terminal also sends to the child) is passed on once; the
// child stops everything and this process exits with it, quietly.
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    if (signalled) return;
    signalled = signal;
    if (child && child.exitCode === null) child.kill(signal === 'SIGHUP' ? 'SIGTERM' : signal);
    else process.exit(0);
  });
}

const TICK_MS = 5000;
const seconds = (started) => `${((Date.now() - started) / 1000).toFixed(1)} s`;

/**
 * A step that may take long: its line now, then "still …" every few seconds until it ends, so a first build (about a
 * minute of tsc) never looks stuck.
 */
async function step(title, still, work) {
  const started = Date.now();
  process.stderr.write(`Kessai: ${title}…\n`);
  const ticker = setInterval(() => {
    process.stderr.write(`  … still ${still} (${Math.round((Date.now() - started) / 1000)} s)\n`);
  }, TICK_MS);
  try {
    return await work();
  } finally {
    clearInterval(ticker);
  }
}

function run(command, commandArgs, cwd = root) {
  return new Promise((resolve) => {
    child = spawn(command, commandArgs, { cwd, stdio: 'inherit' });
    child.once('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

(async () => {
  const started = Date.now();
  const built = await step(
    'building the TypeScript packages (tsc -b): about a minute the first time, a few seconds afterwards',
    'building the TypeScript packages',
    () => run(process.execPath, [require.resolve('typescript/bin/tsc'), '-b', 'tsconfig.json']),
  );
  if (signalled) process.exit(0);
  if (built !== 0) process.exit(built);
  process.stderr.write(`  built (${seconds(started)})\n`);
  // The dashboard's static assets, which the API serves at /dashboard (Vite, from packages/dashboard).
  const dashboardStarted = Date.now();
  const dashboard = join(root, 'packages/dashboard');
  const vite = await step('building the dashboard (vite)', 'building the dashboard', () =>
    run(process.execPath, [join(dashboard, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], dashboard),
  );
  if (signalled) process.exit(0);
  if (vite !== 0) process.exit(vite);
  process.stderr.write(`  dashboard built (${seconds(dashboardStarted)})\n`);
  // The embed script, which the API serves at /embed/v1/embed.js and the demo shop loads (Vite, packages/embed).
  const embed = join(root, 'packages/embed');
  const embedBuilt = await run(
    process.execPath,
    [join(embed, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'],
    embed,
  );
  if (signalled) process.exit(0);
  if (embedBuilt !== 0) process.exit(embedBuilt);
  // What the dev stack starts: the sandbox unless SMARTPAY_API_BASE, the embedded PostgreSQL unless DATABASE_URL.
  const parts = [
    !process.env.SMARTPAY_API_BASE && 'the Smartpay sandbox',
    !process.env.DATABASE_URL && 'PostgreSQL (initialised on the first start)',
    'the API',
  ].filter(Boolean);
  process.stderr.write(
    `Kessai: starting ${parts.slice(0, -1).join(', ')}${parts.length > 1 ? ' and ' : ''}${parts.at(-1)}…\n`,
  );
  const code = await run(process.execPath, [join(root, 'packages/devkit/dist/cli.js'), 'dev', ...args]);
  process.exit(signalled ? 0 : code);
})();
