import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiError } from './api-error';

export function sendApiError(reply: FastifyReply, error: ApiError): FastifyReply {
  return reply
    .code(error.status)
    .type('application/json; charset=utf-8')
    .serializer(JSON.stringify)
    .send(error.toBody());
}

/**
 * Errors Node's HTTP parser meets before any route runs (headers too large, a request not received in time,
 * malformed HTTP) answered in the API's envelope, then the connection is closed: its state is unknown.
 */
export function answerClientError(error: Error & { code?: string }, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const apiError =
    error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
      ? new ApiError(408, 'request_timeout', 'the request was not received in time')
      : error.code === 'HPE_HEADER_OVERFLOW'
        ? new ApiError(431, 'request_header_fields_too_large', 'the request headers are too large (16 KB at most)')
        : ApiError.badRequest('the request is not valid HTTP');
  if (socket.writable) {
    const body = JSON.stringify(apiError.toBody());
    socket.write(
      `HTTP/1.1 ${apiError.status} ${STATUS_CODES[apiError.status]}\r\nContent-Type: application/json; charset=utf-8\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy();
}

/** A body still arriving after this long is a slow one: a burst of ordinary requests never counts. */
const SLOW_BODY_MS = 1_000;

/**
 * At most `max` requests may be slowly sending their body at once: beyond that a client trickling bodies (before
 * any credential is checked) would hold sockets and memory, so new requests with a body are turned away until
 * those finish or time out. A body has finished once it is parsed, answered, or its connection is gone.
 */
export function slowBodiesLimit(max: number) {
  let slow = 0;
  const watched = new WeakMap<FastifyRequest, { timer: NodeJS.Timeout; onClose: () => void; slow: boolean }>();
  const release = async (request: FastifyRequest) => {
    const watch = watched.get(request);
    if (!watch) return;
    watched.delete(request);
    clearTimeout(watch.timer);
    request.raw.socket.off('close', watch.onClose);
    if (watch.slow) slow--;
  };
  const admit = async (request: FastifyRequest, reply: FastifyReply) => {
    const headers = request.headers;
    const hasBody = Number(headers['content-length'] ?? 0) > 0 || headers['transfer-encoding'] !== undefined;
    if (!hasBody) return;
    if (slow >= max) {
      reply.header('connection', 'close');
      return sendApiError(
        reply,
        new ApiError(503, 'service_unavailable', 'too many requests are slowly sending their body; retry shortly'),
      );
    }
    const watch = {
      slow: false,
      onClose: () => void release(request),
      timer: setTimeout(() => {
        watch.slow = true;
        slow++;
      }, SLOW_BODY_MS),
    };
    watch.timer.unref();
    watched.set(request, watch);
    request.raw.socket.once('close', watch.onClose);
  };
  return { admit, release };
}
