import { execFile } from 'node:child_process';
import { join } from 'node:path';

const cli = join(__dirname, '../dist/cli.js');

function run(
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

/** The CLI as a user meets it: help on stdout with exit 0, mistakes as one line on stderr with exit 1, no stack. */
describe('kessai CLI', () => {
  it.each([['--help'], ['help'], ['keys', '--help']])('%s prints the usage to stdout, exit 0', async (...args) => {
    const result = await run(args);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toMatch(/^kessai <command>/);
    expect(result.stdout).toContain('keys create --merchant');
  });

  it.each([
    [['bogus'], /^kessai: unknown command "bogus"/],
    [['token'], /^kessai: token needs --key <file>/],
    [['token', '--key', '/nonexistent-kessai/key.json'], /^kessai: .*no such file or directory/],
    [['token', '--key', __filename, '--ttl', 'soon'], /^kessai: .*is not a Kessai key file|^kessai: --ttl/],
  ])('%j is one line on stderr, exit 1', async (args, message) => {
    const result = await run(args);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr.trim().split('\n')).toEqual([expect.stringMatching(message)]);
  });

  it('reset refuses with DATABASE_URL (it would orphan that database from its key)', async () => {
    const result = await run(['reset'], { DATABASE_URL: 'postgres://127.0.0.1:9/kessai' });
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(/^kessai: reset wipes the embedded dev database only/),
    ]);
  });
});
