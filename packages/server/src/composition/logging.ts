import { type KessaiApp, REDACTED_PATHS } from '@kessai/api';
import type { FastifyServerOptions } from 'fastify';
import type { Config } from './config';

/** pino for the app: JSON lines by default, pino-pretty when asked (`pnpm start` in a terminal); secrets redacted. */
export function loggerOptions(config: Config): FastifyServerOptions['logger'] {
  if (config.LOG_LEVEL === 'silent') return false;
  const base = { level: config.LOG_LEVEL, redact: { paths: REDACTED_PATHS, censor: '[redacted]' } };
  if (config.LOG_FORMAT === 'json') return base;
  // Loaded only when asked for: a server logging JSON never holds its modules.
  const pretty = require('pino-pretty') as typeof import('pino-pretty');
  const stream = pretty({
    colorize: Boolean(process.stdout.isTTY),
    translateTime: 'SYS:HH:MM:ss',
    // The request line says it all in its message; other fields (an error's stack…) still follow.
    ignore: 'pid,hostname,reqId,method,url,status,ms',
    sync: true,
  });
  return { ...base, stream };
}

/** One line per request, after the answer: method, route as called, status and time. */
export function logOneLinePerRequest(app: KessaiApp): void {
  app.addHook('onResponse', async (request, reply) => {
    request.log.info(
      { method: request.method, url: request.url, status: reply.statusCode, ms: Math.round(reply.elapsedTime) },
      `${request.method} ${request.url.split('?')[0]} ${reply.statusCode} ${Math.round(reply.elapsedTime)} ms`,
    );
  });
}
