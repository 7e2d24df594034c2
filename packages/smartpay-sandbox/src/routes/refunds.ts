import { notFound } from '../errors';
import type { Refund } from '../model';
import { annotate, refund } from '../order-ops';
import { paginate } from '../pagination';
import { expandRefund, wantsExpand } from '../present';
import type { Partition } from '../store';
import { annotationUpdate, parseBody, refundCreate } from '../validation';
import { type ApiRouter, ok, param } from './types';

function findRefund(partition: Partition, id: string): Refund {
  const found = partition.refunds.get(id);
  if (!found) throw notFound('refund', id);
  return found;
}

export function registerRefundRoutes(router: ApiRouter): void {
  router.add('POST', '/v1/refunds', ({ core, partition, body }) =>
    ok(refund(core, partition, parseBody(refundCreate, body))),
  );

  router.add('GET', '/v1/refunds', ({ partition, query }) => {
    const expand = wantsExpand(query);
    return ok(paginate(partition.refunds, query, (r) => (expand ? expandRefund(partition, r) : r)));
  });

  router.add('GET', '/v1/refunds/:id', (req) => {
    const found = findRefund(req.partition, param(req, 'id'));
    return ok(wantsExpand(req.query) ? expandRefund(req.partition, found) : found);
  });

  router.add('PATCH', '/v1/refunds/:id', (req) => {
    const update = parseBody(annotationUpdate, req.body);
    return ok(annotate(req.core, findRefund(req.partition, param(req, 'id')), update));
  });
}
