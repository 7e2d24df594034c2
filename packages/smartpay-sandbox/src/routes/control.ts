import type { SandboxControl } from '../control';
import { ApiError, malformedRequest } from '../errors';
import { emptyResponse, type HttpResponse, jsonResponse } from '../http/io';
import type { PathParams } from '../http/path-pattern';
import { Router } from '../http/router';

interface ControlRequest {
  control: SandboxControl;
  params: PathParams;
  query: URLSearchParams;
  body: unknown;
}
type ControlHandler = (req: ControlRequest) => HttpResponse | Promise<HttpResponse>;

const ok = (body: unknown): HttpResponse => jsonResponse(200, body);
const id = (req: ControlRequest): string => req.params.id ?? '';
const field = (body: unknown, name: string): unknown =>
  typeof body === 'object' && body !== null ? (body as Record<string, unknown>)[name] : undefined;

const dropOption = (req: ControlRequest) => ({ dropWebhook: field(req.body, 'dropWebhook') === true });

const router = new Router<ControlHandler>()
  .add('POST', '/_sandbox/checkout-sessions/:id/approve', (req) => ok(req.control.approve(id(req))))
  .add('POST', '/_sandbox/checkout-sessions/:id/soft-decline', (req) => ok(req.control.softDecline(id(req))))
  .add('POST', '/_sandbox/checkout-sessions/:id/hard-decline', (req) => ok(req.control.hardDecline(id(req))))
  .add('POST', '/_sandbox/checkout-sessions/:id/cancel', (req) => ok(req.control.cancel(id(req))))
  .add('GET', '/_sandbox/clock', (req) => ok(req.control.clock()))
  .add('POST', '/_sandbox/clock/advance', (req) => ok(req.control.advanceClock(Number(field(req.body, 'ms')))))
  .add('GET', '/_sandbox/state', (req) => ok(req.control.state({ secretKey: req.query.get('secretKey') ?? undefined })))
  .add('GET', '/_sandbox/orders/:id', (req) => ok(req.control.order(id(req))))
  .add('POST', '/_sandbox/orders', (req) =>
    ok(
      req.control.createUnseenOrder(
        field(req.body, 'secretKey'),
        field(req.body, 'amount'),
        field(req.body, 'approve') !== false,
      ),
    ),
  )
  .add('POST', '/_sandbox/orders/:id/capture', (req) =>
    ok(req.control.captureBehind(id(req), field(req.body, 'amount'), dropOption(req))),
  )
  .add('POST', '/_sandbox/orders/:id/refund', (req) =>
    ok(req.control.refundBehind(id(req), field(req.body, 'amount'), dropOption(req))),
  )
  .add('POST', '/_sandbox/orders/:id/cancel', (req) => ok(req.control.cancelBehind(id(req), dropOption(req))))
  .add('POST', '/_sandbox/orders/:id/expire', (req) => ok(req.control.expireNow(id(req), dropOption(req))))
  .add('POST', '/_sandbox/orders/:id/amount', (req) => ok(req.control.changeAmount(id(req), field(req.body, 'amount'))))
  .add('POST', '/_sandbox/orders/:id/drop-webhooks', (req) => {
    const times = field(req.body, 'times');
    req.control.dropWebhooks(id(req), times === undefined ? 1 : Number(times));
    return emptyResponse(204);
  })
  .add('POST', '/_sandbox/payments/:id/forget', (req) => {
    req.control.forgetPayment(id(req));
    return emptyResponse(204);
  })
  .add('POST', '/_sandbox/refunds/:id/forget', (req) => {
    req.control.forgetRefund(id(req));
    return emptyResponse(204);
  })
  .add('POST', '/_sandbox/orders/:id/forget', (req) => {
    req.control.forgetOrder(id(req));
    return emptyResponse(204);
  })
  .add('POST', '/_sandbox/reset', (req) => {
    req.control.reset();
    return emptyResponse(204);
  })
  .add('POST', '/_sandbox/faults', (req) => {
    // One rule, or an array of rules added in order.
    const rules: unknown[] = Array.isArray(req.body) ? req.body : [req.body];
    const added = rules.map((rule) => req.control.addFault(rule as Parameters<SandboxControl['addFault']>[0]));
    return ok(Array.isArray(req.body) ? { data: added } : added[0]);
  })
  .add('GET', '/_sandbox/faults', (req) => ok({ data: req.control.faults() }))
  .add('DELETE', '/_sandbox/faults', (req) => {
    req.control.clearFaults();
    return emptyResponse(204);
  })
  .add('DELETE', '/_sandbox/faults/:id', (req) => {
    if (req.control.removeFault(id(req))) return emptyResponse(204);
    throw new ApiError(404, 'fault.not-found', `No fault rule '${id(req)}'`);
  })
  .add('GET', '/_sandbox/webhook-deliveries', (req) => ok({ data: req.control.webhookDeliveries() }))
  .add('POST', '/_sandbox/webhook-deliveries/release-held', (req) =>
    ok({ released: req.control.releaseHeldWebhooks() }),
  )
  .add('POST', '/_sandbox/webhook-deliveries/wait', async (req) => {
    const timeoutMs = field(req.body, 'timeoutMs');
    try {
      await req.control.waitForWebhooks(typeof timeoutMs === 'number' ? timeoutMs : undefined);
      return emptyResponse(204);
    } catch (error) {
      throw new ApiError(504, 'webhooks.pending', error instanceof Error ? error.message : String(error));
    }
  });

/** /_sandbox/*: unauthenticated JSON over the same SandboxControl the programmatic handle exposes. */
export async function handleControl(
  control: SandboxControl,
  method: string,
  path: string,
  query: URLSearchParams,
  rawBody: Buffer,
): Promise<HttpResponse> {
  const route = router.find(method, path);
  if (!route) return jsonResponse(404, new ApiError(404, 'route.not-found', `No route ${method} ${path}`).toBody());
  if (route.kind === 'method-not-allowed') {
    return jsonResponse(405, new ApiError(405, 'request.method-not-allowed', `${method} not allowed`).toBody());
  }
  try {
    return await route.handler({ control, params: route.params, query, body: decode(rawBody) });
  } catch (error) {
    if (error instanceof ApiError) return jsonResponse(error.statusCode, error.toBody());
    throw error;
  }
}

function decode(raw: Buffer): unknown {
  if (raw.length === 0) return undefined;
  try {
    return JSON.parse(raw.toString('utf8'));
  } catch (error) {
    throw malformedRequest(error instanceof Error ? error.message : 'invalid JSON');
  }
}
