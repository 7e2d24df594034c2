import { type ClientRequest, request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';

export type PostOutcome = { status: number } | { error: string; timedOut: boolean };

/**
 * One POST with its own socket (no keep-alive pool, so stopping the sandbox leaves nothing open) and a hard
 * timeout; `track` lets the dispatcher abort everything in flight on stop/reset.
 */
export function postJson(
  url: string,
  headers: Record<string, string>,
  body: string,
  timeoutMs: number,
  track: (req: ClientRequest, done: boolean) => void,
): Promise<PostOutcome> {
  return new Promise((resolve) => {
    let settled = false;
    const finish = (outcome: PostOutcome) => {
      if (settled) return;
      settled = true;
      track(req, true);
      resolve(outcome);
    };
    const send = url.startsWith('https:') ? httpsRequest : httpRequest;
    const req = send(url, {
      method: 'POST',
      agent: false,
      headers: { ...headers, 'Content-Length': String(Buffer.byteLength(body)), Connection: 'close' },
    });
    track(req, false);
    req.setTimeout(timeoutMs, () => {
      finish({ error: `no response within ${timeoutMs} ms`, timedOut: true });
      req.destroy();
    });
    req.on('response', (res) => {
      res.resume();
      finish({ status: res.statusCode ?? 0 });
    });
    req.on('error', (error) => finish({ error: error.message, timedOut: false }));
    req.end(body);
  });
}
