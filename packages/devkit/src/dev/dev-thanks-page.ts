import type {} from '@fastify/swagger';
import type { KessaiApp } from '@kessai/api';

const html = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * A stand-in for the merchant's "thanks" page, so the quickstart's redirect works offline: it shows what Kessai
 * appended to the redirect_url. Dev stack only.
 */
export function addDevThanksPage(app: KessaiApp): void {
  app.get('/dev/thanks', { schema: { hide: true } }, async (request, reply) => {
    const query = request.query as Record<string, string | undefined>;
    const id = html(query.transaction_id ?? '(none)');
    const status = html(query.transaction_status ?? '(none)');
    return reply
      .type('text/html; charset=utf-8')
      .send(
        `<!doctype html><meta charset="utf-8"><title>Thanks</title><h1>Back at the shop</h1>` +
          `<p>transaction_id: <code>${id}</code></p><p>transaction_status: <code>${status}</code></p>\n`,
      );
  });
}
