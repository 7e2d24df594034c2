import type { IncomingMessage, ServerResponse } from 'node:http';

/** A response computed in full before anything is written, so a fault can still decide to withhold it. */
export interface HttpResponse {
  status: number;
  headers: Record<string, string>;
  body?: string;
}

export const MAX_BODY_BYTES = 1024 * 1024;

export function jsonResponse(status: number, body: unknown, headers: Record<string, string> = {}): HttpResponse {
  return {
    status,
    headers: { 'Content-Type': 'application/json; charset=utf-8', ...headers },
    body: JSON.stringify(body),
  };
}

export function htmlResponse(status: number, body: string, headers: Record<string, string> = {}): HttpResponse {
  return { status, headers: { 'Content-Type': 'text/html; charset=utf-8', ...headers }, body };
}

export const emptyResponse = (status: number): HttpResponse => ({ status, headers: {} });

export const seeOther = (location: string): HttpResponse => ({ status: 303, headers: { Location: location } });

export class BodyTooLargeError extends Error {}

export function readBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        reject(new BodyTooLargeError(`body larger than ${limit} bytes`));
        req.resume();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

export function writeResponse(res: ServerResponse, response: HttpResponse): void {
  if (res.destroyed) return;
  const headers: Record<string, string> = { ...response.headers };
  if (response.body !== undefined) headers['Content-Length'] = String(Buffer.byteLength(response.body));
  res.writeHead(response.status, headers);
  res.end(response.body);
}
