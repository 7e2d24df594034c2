import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase, type TestDatabase } from '@kessai/adapters-postgres';
import { type DevStack, startDev } from './cli/dev';
import { eventually, freePort } from './testing/stack';

/**
 * The quickstart `pnpm start` prints (and the README shows) is executed here, command by command, so it cannot
 * rot: the token line, the curl that creates a transaction, the buyer's approval, the capture and refund curls.
 */
describe('the printed quickstart works as written', () => {
  let dev: DevStack;
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase({ migrated: false });
    const port = await freePort();
    dev = await startDev({
      env: {
        PORT: String(port),
        DATA_DIR: await mkdtemp(join(tmpdir(), 'kessai-dev-')),
        DATABASE_URL: db.connectionString,
        LOG_LEVEL: 'silent',
      },
      print: () => undefined,
    });
  }, 60_000);
  afterAll(async () => {
    await dev?.stop();
    await db?.drop();
  });

  /** Runs one printed `curl` line (our own format: -X, -H, -d, a URL) with fetch. */
  async function curl(line: string, token: string, id?: string) {
    const command = line
      .replace(/\$KESSAI_TOKEN/g, token)
      .replace(/\$\(uuidgen \|\| date \+%s\)/, `qs-${Date.now()}`)
      .replace(/<id>/g, id ?? '');
    const url = /(http:\/\/\S+)/.exec(command)?.[1] ?? '';
    const method = /-X (\w+)/.exec(command)?.[1] ?? 'GET';
    const headers = Object.fromEntries(
      [...command.matchAll(/-H "([^:]+): ([^"]+)"/g)].map((m) => [m[1] ?? '', m[2] ?? '']),
    );
    const body = /-d '(.+)'/.exec(command)?.[1];
    const response = await fetch(url, { method, headers, ...(body ? { body } : {}) });
    // biome-ignore lint/suspicious/noExplicitAny: the test reads response fields directly
    return { status: response.status, json: (await response.json()) as any };
  }

  it('token → create → approve on the sandbox page → webhook → capture → refund', async () => {
    const lines = dev.quickstart.split('\n');
    const token = lines.find((l) => l.includes('export KESSAI_TOKEN='))?.split('=')[1] ?? '';
    const curlLines: string[] = [];
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i] ?? '';
      if (!line.trim().startsWith('curl')) continue;
      curlLines.push(line.endsWith('\\') ? `${line.slice(0, -1)} ${(lines[i + 1] ?? '').trim()}` : line);
    }
    expect(curlLines).toHaveLength(4);
    const [create, get, capture, refund] = curlLines as [string, string, string, string];

    const created = await curl(create, token);
    expect(created.status).toBe(201);
    expect(created.json.status).toBe('buyer_approval_pending');
    const page = await (await fetch(created.json.payment_method.approval_url)).text();
    const action = /action="([^"]+\/approve)"/.exec(page)?.[1] ?? '';
    expect(
      (await fetch(new URL(action, created.json.payment_method.approval_url), { method: 'POST', redirect: 'manual' }))
        .status,
    ).toBe(303);
    await eventually(
      () => curl(get, token, created.json.id),
      (r) => r.json.status === 'authorization_succeeded',
    );
    expect((await curl(capture, token, created.json.id)).json).toMatchObject({
      status: 'capture_succeeded',
      captured_amount: 5000,
    });
    expect((await curl(refund, token, created.json.id)).json).toMatchObject({ status: 'succeeded', amount: 2000 });
  });
});
