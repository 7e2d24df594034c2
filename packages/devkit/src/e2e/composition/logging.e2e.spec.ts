import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ApiProcess, startApiProcess } from '../../testing/api-process';
import { freePort } from '../../testing/free-port';

/** `kessai serve` as deployed: one log line per request (not Fastify's two), JSON unless pretty is asked for. */
describe('request logging', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'kessai-logs-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  async function logsOf(format: 'json' | 'pretty', requests: 'true' | 'false' = 'true'): Promise<string[]> {
    const port = await freePort();
    const logFile = join(dir, `${format}-${requests}.log`);
    let api: ApiProcess | undefined;
    try {
      api = await startApiProcess(
        { PORT: String(port), STORAGE: 'memory', DATA_DIR: dir, LOG_FORMAT: format, LOG_REQUESTS: requests },
        logFile,
      );
      await fetch(`${api.url}/transactions`);
      await fetch(`${api.url}/transactions?limit=1`);
    } finally {
      await api?.kill();
    }
    return (await readFile(logFile, 'utf8')).split('\n').filter((line) => line.includes('/transactions'));
  }

  it('JSON: exactly one line per request, with method, url, status and time, and no headers', async () => {
    const lines = await logsOf('json');
    expect(lines).toHaveLength(2);
    const first = JSON.parse(lines[0] ?? '');
    expect(first).toMatchObject({
      level: 30,
      method: 'GET',
      url: '/transactions',
      status: 401,
      msg: expect.stringMatching(/^GET \/transactions 401 \d+ ms$/),
    });
    expect(typeof first.ms).toBe('number');
    expect(lines.join('\n')).not.toMatch(/authorization|headers/i);
  }, 30_000);

  it('pretty: human-readable lines; LOG_REQUESTS=false: none', async () => {
    const pretty = await logsOf('pretty');
    expect(pretty).toHaveLength(2);
    expect(pretty[0]).toMatch(/^\[\d\d:\d\d:\d\d\] INFO: GET \/transactions 401 \d+ ms$/);
    expect(() => JSON.parse(pretty[0] ?? '')).toThrow();
    expect(await logsOf('json', 'false')).toHaveLength(0);
  }, 30_000);
});
