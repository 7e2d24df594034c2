import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { ApiError } from '../api-error';
import { sendApiError } from '../connection-guards';
import { withPageSecurityHeaders } from './security-headers';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.webp': 'image/webp',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
};

async function fileAt(path: string): Promise<{ size: number } | null> {
  try {
    const found = await stat(path);
    return found.isFile() ? { size: found.size } : null;
  } catch {
    return null;
  }
}

/**
 * The built dashboard at `/dashboard`: files from `distDir`, hashed assets (`assets/`) cached for a year,
 * `index.html` never cached, and every other extension-less path answered with `index.html` (the UI's own routes).
 * Before the UI is built, 503 says how to build it.
 */
export function serveDashboard(app: FastifyInstance, distDir: string): void {
  const root = normalize(distDir);
  const send = async (reply: FastifyReply, relative: string, size: number) => {
    const type = TYPES[extname(relative).toLowerCase()] ?? 'application/octet-stream';
    const immutable = relative.startsWith(`assets${sep}`);
    withPageSecurityHeaders(reply)
      .header('content-type', type)
      .header('content-length', String(size))
      .header('cache-control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
    return reply.send(createReadStream(join(root, relative)));
  };

  const handler = async (request: { url: string }, reply: FastifyReply) => {
    const index = await fileAt(join(root, 'index.html'));
    if (!index)
      return sendApiError(
        reply.header('retry-after', '10'),
        new ApiError(
          503,
          'service_unavailable',
          'the dashboard is not built yet: run `pnpm build` (it builds packages/dashboard), then reload',
        ),
      );
    const path = decodedPath(request.url);
    if (path === null) return sendApiError(reply, ApiError.notFound('no such dashboard file'));
    if (path.startsWith('api/') || path === 'api')
      return sendApiError(reply, ApiError.notFound(`no route /dashboard/${path.slice(0, 100)}`));
    const relative = normalize(path);
    const inside = join(root, relative).startsWith(`${root}${sep}`) && !relative.split(sep).includes('..');
    if (relative && relative !== '.' && inside) {
      const file = await fileAt(join(root, relative));
      if (file) return send(reply, relative, file.size);
      // A missing file with an extension is a missing asset, not a page: no HTML in its place.
      if (extname(relative)) return sendApiError(reply, ApiError.notFound(`no dashboard file ${path.slice(0, 100)}`));
    }
    return send(reply, 'index.html', index.size);
  };

  app.get('/dashboard', { schema: { hide: true } }, handler);
  app.get('/dashboard/*', { schema: { hide: true } }, handler);
}

/** The path below `/dashboard/`, decoded; null when it cannot name a file (bad escapes, NUL, backslashes). */
function decodedPath(url: string): string | null {
  const raw = (url.split('?')[0] ?? '').replace(/^\/dashboard\/?/, '');
  try {
    const decoded = decodeURIComponent(raw);
    return /[\0\\]/.test(decoded) ? null : decoded;
  } catch {
    return null;
  }
}
