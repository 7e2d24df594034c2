#!/usr/bin/env node
// `pnpm bench`: runs every package's `bench` script (benchmarks print ratios against a baseline measured in the
// same run; they are never timed assertions in tests).
const { readdirSync, readFileSync, existsSync } = require('node:fs');
const { join } = require('node:path');
const { spawnSync } = require('node:child_process');

const root = join(__dirname, '..');
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
  const run = spawnSync('pnpm', ['-s', 'run', 'bench'], { cwd: join(root, 'packages', dir), stdio: 'inherit' });
  if (run.status !== 0) process.exit(run.status ?? 1);
}
