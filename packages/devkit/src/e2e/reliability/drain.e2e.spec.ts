import { mkdtemp } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ApiProcess, startApiProcess } from '../../testing/api-process';
import { freePort } from '../../testing/free-port';

/** What a load balancer sees while `kessai serve` stops on SIGTERM: it is told first, and nothing is dropped. */
describe('kessai serve on SIGTERM', () => {
  let api: ApiProcess;
  let exited: Promise<number | null>;
  beforeAll(async () => {
    const dir = await mkdtemp(join(tmpdir(), 'kessai-drain-'));
    api = await startApiProcess(
      { PORT: String(await freePort()), STORAGE: 'memory', DATA_DIR: dir, DRAIN_SECONDS: '2', LOG_LEVEL: 'warn' },
      join(dir, 'api.log'),
    );
    exited = new Promise((resolve) => api.child.once('exit', (code) => resolve(code)));
  }, 30_000);
  afterAll(() => api.kill('SIGKILL'));

  /** A POST whose body is still arriving: in flight across the whole drain (a webhook: answered after its body). */
  function slowPost(): { finish(): void; answer: Promise<{ status: number; connection: string | undefined }> } {
    const { port } = new URL(api.url);
    const req = request({
      host: '127.0.0.1',
      port,
      method: 'POST',
      path: '/webhooks/smartpay/00000000-0000-4000-8000-000000000000',
      headers: { 'content-type': 'application/json', 'content-length': '2' },
    });
    const answer = new Promise<{ status: number; connection: string | undefined }>((resolve, reject) => {
      req.on('response', (res) => {
        res.resume();
        resolve({ status: res.statusCode ?? 0, connection: res.headers.connection });
      });
      req.on('error', reject);
    });
    req.write('{');
    return { finish: () => req.end('}'), answer };
  }

  it('fails readiness at once, keeps serving through the drain, finishes what is in flight, then exits 0', async () => {
    expect((await fetch(`${api.url}/readyz`)).status).toBe(200);
    const inFlight = slowPost();
    await new Promise((resolve) => setTimeout(resolve, 200));
    api.child.kill('SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 300));

    const readyz = await fetch(`${api.url}/readyz`);
    expect(readyz.status).toBe(503);
    expect(await readyz.json()).toEqual({ ready: false, checks: { process: 'draining' } });
    // Still serving, and asking the client to take its next request elsewhere.
    const during = await fetch(`${api.url}/healthz`);
    expect(during.status).toBe(200);
    expect(during.headers.get('connection')).toBe('close');

    // Past the drain the listener is closed, but the request whose body was still coming is answered.
    await new Promise((resolve) => setTimeout(resolve, 2_200));
    await expect(fetch(`${api.url}/healthz`)).rejects.toThrow();
    inFlight.finish();
    const answer = await inFlight.answer;
    expect(answer.connection).toBe('close');
    expect(answer.status).toBeGreaterThanOrEqual(400);
    expect(answer.status).toBeLessThan(500);
    expect(await exited).toBe(0);
  }, 30_000);
});
