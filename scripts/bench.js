#!/usr/bin/env node
// `pnpm bench`: runs every package's `bench` script (benchmarks print ratios against a baseline measured in the
// same run; they are never timed assertions in tests). `node scripts/bench.js --quick` runs each part for a few
// seconds, to check the benchmarks work; other flags (e.g. `--only=plain,tokens`) go to the HTTP benchmark.
const { readdirSync, readFileSync, existsSync } = require('node:fs');
const { join } = require('node:path');
const { spawnSync } = require('node:child_process');

const root = join(__dirname, '..');
// pnpm 12 forwards a `--` given after the script name.
const args = process.argv.slice(2).filter((arg) => arg !== '--');
const quick = args.includes('--quick');
const withBench = readdirSync(join(root, 'packages')).filter((dir) => {
  const manifest = join(root, 'packages', dir, 'package.json');
  return existsSync(manifest) && JSON.parse(readFileSync(manifest, 'utf8')).scripts?.bench;
});
if (withBench.length === 0) {
  console.log('No package has a benchmark yet.');
  process.exit(0);
}
for (const dir of withBench) {
  console.log(`\n== bench: ${dir}`);
  // Flags are the HTTP benchmark's; the others hear of a quick run through the environment.
  const forwarded = dir === 'bench' ? args : [];
  const env = quick
    ? { ...process.env, BENCH_QUICK: '1', BENCH_SECONDS: process.env.BENCH_SECONDS ?? '2' }
    : process.env;
  const run = spawnSync('pnpm', ['-s', 'run', 'bench', ...forwarded], {
    cwd: join(root, 'packages', dir),
    stdio: 'inherit',
    env,
  });
  if (run.status !== 0) process.exit(run.status ?? 1);
}
