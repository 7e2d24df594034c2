import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FakePaymentConnector } from '@kessai/domain/testing';
import { type Kessai, startKessai } from '../../testing/start-kessai';

const INDEX =
  '<!doctype html><html><head><script type="module" src="/dashboard/assets/app-3f2a.js"></script></head><body><div id="app"></div></body></html>';

/** A raw GET, so the path reaches the server exactly as written (fetch would resolve `..`). */
function rawGet(baseUrl: string, path: string): Promise<{ status: number; body: string }> {
  const url = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const req = request({ host: url.hostname, port: url.port, path, method: 'GET' }, (res) => {
      let body = '';
      res.on('data', (chunk) => {
        body += chunk;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** The built UI served at /dashboard from a directory of our own (the real build lives in packages/dashboard). */
describe('the dashboard’s static files', () => {
  let api: Kessai;
  let parent: string;
  let dist: string;

  beforeAll(async () => {
    parent = await mkdtemp(join(tmpdir(), 'kessai-dashboard-'));
    dist = join(parent, 'dist');
    await writeFile(join(parent, 'secret.txt'), 'outside the dist');
    api = await startKessai({ connector: new FakePaymentConnector(), env: { DASHBOARD_DIST_DIR: dist } });
  });
  afterAll(async () => {
    await api?.close();
    await rm(parent, { recursive: true, force: true });
  });

  it('answers 503 saying to run pnpm build before the UI is built, then serves it once built, without a restart', async () => {
    const missing = await fetch(`${api.baseUrl}/dashboard`);
    expect(missing.status).toBe(503);
    expect(await missing.json()).toMatchObject({
      type: 'error',
      code: 'service_unavailable',
      message: expect.stringContaining('pnpm build'),
    });
    await mkdir(join(dist, 'assets'), { recursive: true });
    await writeFile(join(dist, 'index.html'), INDEX);
    await writeFile(join(dist, 'assets', 'app-3f2a.js'), 'console.log("kessai")');
    await writeFile(join(dist, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    const built = await fetch(`${api.baseUrl}/dashboard`);
    expect(built.status).toBe(200);
    expect(await built.text()).toBe(INDEX);
  });

  it('serves index.html uncached with a strict CSP, no framing and a same-origin referrer policy', async () => {
    for (const path of ['/dashboard', '/dashboard/', '/dashboard/index.html']) {
      const page = await fetch(`${api.baseUrl}${path}`);
      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(page.headers.get('cache-control')).toBe('no-cache');
      const csp = page.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).not.toContain('unsafe-inline');
      expect(page.headers.get('x-frame-options')).toBe('DENY');
      expect(page.headers.get('referrer-policy')).toBe('same-origin');
      expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    }
  });

  it('falls back to index.html for the UI’s own routes', async () => {
    for (const path of [
      '/dashboard/transactions',
      '/dashboard/transactions/7c9e6679-7425-40de-944b-e07fc1f90ae7?tab=events',
    ]) {
      const page = await fetch(`${api.baseUrl}${path}`);
      expect(page.status).toBe(200);
      expect(await page.text()).toBe(INDEX);
    }
  });

  it('serves hashed assets with their type and a year’s immutable cache; other files uncached', async () => {
    const script = await fetch(`${api.baseUrl}/dashboard/assets/app-3f2a.js`);
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(script.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(await script.text()).toBe('console.log("kessai")');
    const icon = await fetch(`${api.baseUrl}/dashboard/favicon.svg`);
    expect(icon.headers.get('content-type')).toBe('image/svg+xml');
    expect(icon.headers.get('cache-control')).toBe('no-cache');
    const head = await fetch(`${api.baseUrl}/dashboard/assets/app-3f2a.js`, { method: 'HEAD' });
    expect(head.status).toBe(200);
  });

  it('answers a missing asset with 404, not with the page', async () => {
    const missing = await fetch(`${api.baseUrl}/dashboard/assets/app-0000.js`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ type: 'error', code: 'not_found' });
  });

  it.each([
    '/dashboard/../secret.txt',
    '/dashboard/%2e%2e/secret.txt',
    '/dashboard/assets/%2e%2e/%2e%2e/secret.txt',
    '/dashboard/..%2fsecret.txt',
    '/dashboard/%2fetc%2fpasswd',
    '/dashboard/..%5csecret.txt',
    '/dashboard/%00',
    '/dashboard/%E0%A4%A',
  ])('never serves a file outside the build: %s', async (path) => {
    const answer = await rawGet(api.baseUrl, path);
    expect(answer.status).toBeLessThan(500);
    expect(answer.body).not.toContain('outside the dist');
    expect(answer.body).not.toContain('root:');
  });

  it('keeps /dashboard/api/* for the API: an unknown route there is a JSON 404, never the page', async () => {
    const unknown = await fetch(`${api.baseUrl}/dashboard/api/nothing`);
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ type: 'error', code: 'not_found' });
  });

  it('answers other methods on the pages in the error envelope', async () => {
    const post = await fetch(`${api.baseUrl}/dashboard/transactions`, { method: 'POST' });
    expect([404, 405]).toContain(post.status);
    expect(await post.json()).toMatchObject({ type: 'error' });
  });
});
