import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KESSAI_CLI, KESSAI_DEV_CLI } from '../cluster/kessai-process';
import { freePort } from '../testing/free-port';

function run(
  cli: string,
  args: string[],
  env: Record<string, string> = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [cli, ...args],
      { env: { ...process.env, DATA_DIR: '/nonexistent-kessai', ...env } },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

/** The CLIs as a user meets them: help on stdout with exit 0, mistakes as one line on stderr with exit 1, no stack. */
describe.each([
  ['kessai', KESSAI_CLI],
  ['kessai-dev', KESSAI_DEV_CLI],
])('%s CLI', (name, cli) => {
  it.each([['--help'], ['help'], ['keys', '--help']])('%s prints the usage to stdout, exit 0', async (...args) => {
    const result = await run(cli, args);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout.startsWith(`${name} <command>`)).toBe(true);
    expect(result.stdout).toContain('keys create --merchant');
  });

  it.each([
    [['bogus'], /^kessai: unknown command "bogus"/],
    [['token'], /^kessai: token needs --key <file>/],
    [['token', '--key', '/nonexistent-kessai/key.json'], /^kessai: .*no such file or directory/],
    [['token', '--key', __filename, '--ttl', 'soon'], /^kessai: .*is not a Kessai key file|^kessai: --ttl/],
  ])('%j is one line on stderr, exit 1', async (args, message) => {
    const result = await run(cli, args);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr.trim().split('\n')).toEqual([expect.stringMatching(message)]);
  });
});

describe('kessai-dev CLI', () => {
  it('reset refuses with DATABASE_URL, saying it only ever wipes the embedded dev data, never that database', async () => {
    const result = await run(KESSAI_DEV_CLI, ['reset'], { DATABASE_URL: 'postgres://127.0.0.1:9/kessai' });
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(/^kessai: reset wipes only the embedded dev data in .* never the database at DATABASE_URL/),
    ]);
  });

  it('dev with a Smartpay URL nothing answers stops with one line naming the URL, the cause and what to do', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'kessai-unreachable-'));
    try {
      const apiBase = `http://127.0.0.1:${await freePort()}/v1`;
      const result = await run(KESSAI_DEV_CLI, ['dev'], {
        DATA_DIR: dataDir,
        STORAGE: 'memory',
        DATABASE_URL: '',
        KESSAI_ENCRYPTION_KEY: '',
        PORT: String(await freePort()),
        SMARTPAY_API_BASE: apiBase,
        SMARTPAY_SECRET_KEY: 'sk_test_unreachable',
      });
      expect(result.code).toBe(1);
      const lines = result.stderr.trim().split('\n');
      expect(lines.at(-1)).toBe(
        `kessai: cannot reach Smartpay at ${apiBase}: the connection was refused: nothing listens at that address ` +
          'and port (ECONNREFUSED). Check SMARTPAY_API_BASE and this machine’s network (DNS, proxy, firewall), or ' +
          'unset SMARTPAY_API_BASE and SMARTPAY_SECRET_KEY to use the local sandbox',
      );
      expect(result.stderr).not.toMatch(/^\s+at /m);
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  }, 60_000);
});
