import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as sdk from '@gr4vy/sdk';
import { type KessaiWithSandbox, startKessai } from '../testing/start-kessai';

/** The README's "Use the Gr4vy SDK" snippet, run as written against the real stack, so it stays true. */
function readmeSnippet(): string {
  const readme = fs.readFileSync(join(__dirname, '../../../../README.md'), 'utf8');
  const block = /<!-- gr4vy-sdk-snippet -->\s*```ts\n([\s\S]*?)```\s*<!-- \/gr4vy-sdk-snippet -->/.exec(readme)?.[1];
  if (!block) throw new Error('README has no gr4vy-sdk-snippet block');
  return block;
}

describe('README: Use the Gr4vy SDK', () => {
  let stack: KessaiWithSandbox;
  beforeAll(async () => {
    stack = await startKessai({ sandbox: true, env: { STORAGE: 'memory' } });
  }, 60_000);
  afterAll(async () => {
    await stack?.close();
  });

  it('runs as written and creates a Smartpay transaction awaiting approval', async () => {
    const keyFile = join(fs.mkdtempSync(join(tmpdir(), 'kessai-readme-')), 'default.json');
    fs.writeFileSync(keyFile, JSON.stringify({ privateJwk: stack.privateJwk }));
    const imports: Record<string, unknown> = { 'node:crypto': crypto, 'node:fs': fs, '@gr4vy/sdk': sdk };
    // The snippet's imports become parameters bound to the same modules; the rest runs unchanged.
    const names: string[] = [];
    const values: unknown[] = [];
    const body = readmeSnippet().replace(/^import \{ ([^}]+) \} from '([^']+)';$/gm, (_line, list: string, from) => {
      for (const name of list.split(',').map((n) => n.trim())) {
        names.push(name);
        values.push((imports[from] as Record<string, unknown>)[name]);
      }
      return '';
    });
    const logged: unknown[][] = [];
    const env = { ...process.env, KESSAI_URL: stack.baseUrl, KESSAI_KEY_FILE: keyFile };
    const run = new Function(...names, 'process', 'console', `return (async () => {\n${body}\n})();`) as (
      ...args: unknown[]
    ) => Promise<void>;
    await run(...values, { env }, { log: (...args: unknown[]) => logged.push(args) });
    expect(logged).toEqual([
      ['buyer_approval_pending', expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/checkout\//)],
    ]);
  });
});
