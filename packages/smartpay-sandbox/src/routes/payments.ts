import { annotate, capture, findPayment } from '../order-ops';
import { paginate } from '../pagination';
import { expandPayment, wantsExpand } from '../present';
import { annotationUpdate, parseBody, paymentCreate } from '../validation';
import { type ApiRouter, ok, param } from './types';

export function registerPaymentRoutes(router: ApiRouter): void {
  router.add('POST', '/v1/payments', ({ core, partition, body }) =>
    ok(capture(core, partition, parseBody(paymentCreate, body))),
  );

  router.add('GET', '/v1/payments', ({ partition, query }) => {
    const expand = wantsExpand(query);
    return ok(paginate(partition.payments, query, (p) => (expand ? expandPayment(partition, p) : p)));
  });

  router.add('GET', '/v1/payments/:id', (req) => {
    const payment = findPayment(req.partition, param(req, 'id'));
    return ok(wantsExpand(req.query) ? expandPayment(req.partition, payment) : payment);
  });

  router.add('PATCH', '/v1/payments/:id', (req) => {
    const update = parseBody(annotationUpdate, req.body);
    return ok(annotate(req.core, findPayment(req.partition, param(req, 'id')), update));
  });
}
