#!/usr/bin/env node
// Before `pnpm test`: the Debian packages the suite drives for real (Chromium for the dashboard's browser tests,
// PgBouncer and HAProxy for the cluster tests). As root the missing ones are installed; otherwise the one command
// that installs them is printed and the run stops, rather than failing later in the middle of jest.
const { existsSync } = require('node:fs');
const { spawnSync } = require('node:child_process');

const needed = [
  { binary: '/usr/bin/chromium', package: 'chromium' },
  { binary: '/usr/sbin/pgbouncer', package: 'pgbouncer' },
  { binary: '/usr/sbin/haproxy', package: 'haproxy' },
];

const missing = needed.filter((need) => !existsSync(need.binary)).map((need) => need.package);
if (missing.length > 0) {
  if (process.getuid?.() !== 0) {
    process.stderr.write(
      `the tests need ${missing.join(', ')}: run \`sudo apt-get update && sudo apt-get install -y ${missing.join(' ')}\`\n`,
    );
    process.exit(1);
  }
  const apt = (args) => {
    const run = spawnSync('apt-get', args, {
      stdio: 'inherit',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
    if (run.status !== 0) {
      process.stderr.write(`apt-get ${args.join(' ')} failed\n`);
      process.exit(1);
    }
  };
  process.stderr.write(`installing ${missing.join(', ')} for the tests\n`);
  apt(['update']);
  apt(['install', '-y', ...missing]);
}
