import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { ApiError } from './api-error';
import { sendApiError } from './connection-guards';

/** Where the embed script lives: one stable URL per major version, which merchants put in a <script src>. */
export const EMBED_SCRIPT_PATH = '/embed/v1/embed.js';

/**
 * The built embed (`packages/embed/dist/embed.js`) at a stable URL, loadable from any merchant's page (CORS and
 * CORP open: it is public code). The URL never changes, so browsers keep it five minutes and then revalidate with
 * its ETag; a release reaches every page within minutes. Before it is built, 503 says how to build it.
 */
export function serveEmbedScript(app: FastifyInstance, distDir: string): void {
  const file = join(distDir, 'embed.js');
  let cached: { mtimeMs: number; body: Buffer; etag: string } | null = null;
  app.get(EMBED_SCRIPT_PATH, { schema: { hide: true } }, async (request, reply) => {
    const found = await stat(file).catch(() => null);
    if (!found?.isFile())
      return sendApiError(
        reply.header('retry-after', '10'),
        new ApiError(503, 'service_unavailable', 'the embed is not built yet: run `pnpm --filter @kessai/embed build`'),
      );
    if (cached?.mtimeMs !== found.mtimeMs) {
      const body = await readFile(file);
      cached = {
        mtimeMs: found.mtimeMs,
        body,
        etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`,
      };
    }
    reply
      .header('content-type', 'text/javascript; charset=utf-8')
      .header('cache-control', 'public, max-age=300, stale-while-revalidate=86400')
      .header('etag', cached.etag)
      .header('access-control-allow-origin', '*')
      .header('cross-origin-resource-policy', 'cross-origin');
    if (request.headers['if-none-match'] === cached.etag) return reply.code(304).send();
    return reply.send(cached.body);
  });
}
