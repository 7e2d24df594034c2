import { randomUUID } from 'node:crypto';
import type { LoadOptions } from './load';

/** Per-request headers on top of the load's fixed ones (e.g. a fresh bearer token each time). */
export type PerRequestHeaders = () => Record<string, string>;

type Target = { url: string; headers: Record<string, string>; connections: number };

/** `POST /transactions/{id}/capture` of 1 yen, cycling over `ids`, each with a new Idempotency-Key. */
export function captureRequests(target: Target, ids: string[], perRequest?: PerRequestHeaders) {
  let i = 0;
  return (seconds: number): LoadOptions => ({
    label: 'POST /transactions/{id}/capture',
    url: target.url,
    connections: target.connections,
    seconds,
    method: 'POST',
    headers: { ...target.headers, 'content-type': 'application/json' },
    body: '{"amount":1,"final":false}',
    setupRequest: (request) => ({
      ...request,
      path: `/transactions/${ids[i++ % ids.length]}/capture`,
      headers: { ...request.headers, ...perRequest?.(), 'idempotency-key': randomUUID() },
    }),
  });
}

/** `GET /transactions/{id}`, cycling over `ids`. */
export function readRequests(target: Target, ids: string[], perRequest?: PerRequestHeaders) {
  let i = 0;
  return (seconds: number): LoadOptions => ({
    label: 'GET /transactions/{id}',
    url: target.url,
    connections: target.connections,
    seconds,
    headers: target.headers,
    setupRequest: (request) => ({
      ...request,
      path: `/transactions/${ids[i++ % ids.length]}`,
      headers: perRequest ? { ...request.headers, ...perRequest() } : request.headers,
    }),
  });
}
