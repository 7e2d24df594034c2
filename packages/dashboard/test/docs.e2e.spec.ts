import { type Kessai, startKessai } from '@kessai/devkit';
import { launch, type RunningBrowser } from './browser';

/** Swagger UI at /docs lives on the dashboard's origin: it gets the same strict CSP, and still works under it. */
describe('the API docs page under its content security policy', () => {
  let api: Kessai;
  let browser: RunningBrowser;
  beforeAll(async () => {
    api = await startKessai();
    browser = await launch();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await api?.close();
  });

  it('cannot be framed, and renders every operation with no CSP violation', async () => {
    const page = await browser.context.newPage();
    const refused: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy|Refused to/i.test(message.text())) refused.push(message.text());
    });
    const response = await page.goto(`${api.baseUrl}/docs/`);
    const headers = response?.headers() ?? {};
    expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(headers['x-frame-options']).toBe('DENY');
    await page.locator('[data-path="/transactions/{transaction_id}/capture"]').waitFor();
    expect(await page.locator('.opblock').count()).toBeGreaterThan(30);
    expect(refused).toEqual([]);
    await page.close();
  }, 30_000);
});
