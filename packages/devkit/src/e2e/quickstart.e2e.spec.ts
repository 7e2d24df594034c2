import { execFile } from 'node:child_process';
import { mkdtemp, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { DevStack } from '../dev/dev';
import { startKessai } from '../testing/start-kessai';

const run = promisify(execFile);

/** The printed commands: the indented lines that are shell (the prose around them is not). */
function commandsOf(quickstart: string): string[] {
  return quickstart
    .split('\n')
    .filter((line) => /^ {3}(export |TX=|TX_ID=|curl )/.test(line))
    .map((line) => line.trim());
}

/**
 * The quickstart `pnpm start` prints is pasted into `sh`, as printed, on a PATH with nothing but curl and node
 * (so no uuidgen): token, create, the buyer's approval from the terminal, the redirect to the local thanks page,
 * the read, a partial capture and a refund.
 */
describe('the printed quickstart runs under sh as written', () => {
  let dev: DevStack;
  let close: () => Promise<void>;
  let bin: string;

  beforeAll(async () => {
    ({ dev, close } = await startKessai({ processes: 'dev' }));
    bin = await mkdtemp(join(tmpdir(), 'kessai-qs-bin-'));
    const curl = (await run('sh', ['-c', 'command -v curl'])).stdout.trim();
    await symlink(curl, join(bin, 'curl'));
    await symlink(process.execPath, join(bin, 'node'));
  }, 60_000);
  afterAll(async () => {
    await close?.();
    await rm(bin, { recursive: true, force: true });
  });

  it('has no placeholders and needs no uuidgen', () => {
    const commands = commandsOf(dev.quickstart);
    expect(commands).toHaveLength(7);
    expect(dev.quickstart).not.toMatch(/uuidgen|<id>|example\.jp\/thanks/);
  });

  it('token → create → approve → thanks page with the real status → read → capture → refund', async () => {
    const script = commandsOf(dev.quickstart).join('\n');
    const { stdout } = await run('/bin/sh', ['-e', '-c', script], { env: { PATH: bin } });
    const lines = stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^[0-9a-f-]{36} http:\/\/\S+\/checkout\/\S+$/);
    expect(stdout).toContain('transaction_status: <code>authorization_succeeded</code>');
    const [read, capture, refund] = lines.slice(-3).map((line) => JSON.parse(line));
    expect(read).toMatchObject({ type: 'transaction', status: 'authorization_succeeded', amount: 12000 });
    expect(capture).toMatchObject({ status: 'capture_succeeded', captured_amount: 5000 });
    expect(refund).toMatchObject({ type: 'refund', status: 'succeeded', amount: 2000 });
  });
});
