import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { handleApi } from './api';
import { createControl, type SandboxControl } from './control';
import { SandboxCore } from './core';
import { ApiError } from './errors';
import { handleHostedPage } from './hosted-page';
import { BodyTooLargeError, type HttpResponse, jsonResponse, readBody, writeResponse } from './http/io';
import { resolveOptions, type SandboxOptions } from './options';
import { StateFile } from './persistence';
import { handleControl } from './routes/control';

export interface RunningSandbox {
  /** e.g. http://127.0.0.1:4010 — the hosted pages live under /checkout, the control API under /_sandbox. */
  baseUrl: string;
  /** baseUrl + '/v1': what a Smartpay client uses instead of https://api.smartpay.co/v1. */
  apiBase: string;
  port: number;
  control: SandboxControl;
  /** API requests received so far (the `/_sandbox` control endpoints not counted): what a client's calls cost. */
  apiRequests(): number;
  stop(): Promise<void>;
}

export async function startSandbox(options: SandboxOptions = {}): Promise<RunningSandbox> {
  const host = options.host ?? '127.0.0.1';
  const server = createServer();
  await listen(server, options.port ?? 0, host);
  const { port } = server.address() as AddressInfo;
  const baseUrl = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  const core = new SandboxCore(resolveOptions(options, baseUrl));
  const stateFile = options.stateFile ? new StateFile(options.stateFile) : null;
  stateFile?.load(core);
  const control = stateFile
    ? savingAfterEachCall(createControl(core), () => stateFile.save(core))
    : createControl(core);
  // Latency waits and withheld ("timeout") responses, cleared on stop so nothing outlives the sandbox.
  const timers = new Set<NodeJS.Timeout>();
  const later = (ms: number, run: () => void) => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      run();
    }, ms);
    timers.add(timer);
  };

  let apiRequests = 0;
  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const method = req.method ?? 'GET';
    const url = new URL(req.url ?? '/', 'http://sandbox.invalid');
    const path = url.pathname;
    const rawBody = await readBody(req);
    // Write-through: a request that may have changed state is saved before its answer is written.
    const expired = core.expireAuthorizations();
    const save = () => {
      if (stateFile && (expired || (method !== 'GET' && method !== 'HEAD'))) stateFile.save(core);
    };
    if (path === '/_sandbox' || path.startsWith('/_sandbox/')) {
      const answer = await handleControl(control, method, path, url.searchParams, rawBody);
      save();
      writeResponse(res, answer);
      return;
    }
    apiRequests++;
    const fault = core.faults.takeHttp(method, path);
    switch (fault?.kind) {
      case 'status':
        writeResponse(res, jsonResponse(fault.status ?? 500, fault.body ?? injectedErrorBody(fault.status ?? 500)));
        return;
      case 'drop':
        req.socket.destroy();
        return;
      case 'latency':
        await new Promise<void>((resolve) => later(fault.ms, resolve));
        core.expireAuthorizations();
        break;
      default:
        break;
    }
    const response = route(core, method, url, req, rawBody);
    save();
    if (fault?.kind === 'timeout') {
      // The effect is applied (and remembered under its Idempotency-Key); the client never hears about it.
      later(fault.ms ?? 10_000, () => res.socket?.destroy());
      return;
    }
    writeResponse(res, response);
  };

  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    handle(req, res).catch((error: unknown) => {
      const apiError =
        error instanceof BodyTooLargeError
          ? new ApiError(413, 'request.too-large', error.message)
          : new ApiError(500, 'unexpected_error', error instanceof Error ? error.message : String(error));
      writeResponse(res, jsonResponse(apiError.statusCode, apiError.toBody()));
    });
  });

  return {
    baseUrl,
    apiBase: `${baseUrl}/v1`,
    port,
    control,
    apiRequests: () => apiRequests,
    async stop() {
      core.webhooks.stop();
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
    },
  };
}

function route(core: SandboxCore, method: string, url: URL, req: IncomingMessage, rawBody: Buffer): HttpResponse {
  const path = url.pathname;
  if (path === '/v1' || path.startsWith('/v1/')) {
    return handleApi(core, { method, path, query: url.searchParams, headers: req.headers, rawBody });
  }
  const page = handleHostedPage(core, method, path, rawBody);
  if (page) return page;
  if (path === '/' || path === '/healthz') {
    return jsonResponse(200, { ok: true, service: 'smartpay-sandbox', apiBase: '/v1', now: core.now() });
  }
  return jsonResponse(404, new ApiError(404, 'route.not-found', `No route ${method} ${path}`).toBody());
}

/** Programmatic control calls (approve, advance the clock…) change state too: save after each one. */
function savingAfterEachCall(control: SandboxControl, save: () => void): SandboxControl {
  const wrapped: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(control)) {
    wrapped[name] =
      typeof value !== 'function'
        ? value
        : (...args: unknown[]) => {
            const result = (value as (...a: unknown[]) => unknown).apply(control, args);
            if (result instanceof Promise) return result.finally(save);
            save();
            return result;
          };
  }
  return wrapped as unknown as SandboxControl;
}

function injectedErrorBody(status: number) {
  return new ApiError(status, 'sandbox.injected-fault', `Injected fault: HTTP ${status}`).toBody();
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}
