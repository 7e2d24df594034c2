import { cancelOrder, findOrder } from '../order-ops';
import { paginate } from '../pagination';
import { expandOrder, wantsExpand } from '../present';
import { type ApiRouter, ok, param } from './types';

export function registerOrderRoutes(router: ApiRouter): void {
  router.add('GET', '/v1/orders', ({ partition, query }) => {
    const expand = wantsExpand(query);
    return ok(paginate(partition.orders, query, (o) => (expand ? expandOrder(partition, o) : o)));
  });

  router.add('GET', '/v1/orders/:id', (req) => {
    const order = findOrder(req.partition, param(req, 'id'));
    return ok(wantsExpand(req.query) ? expandOrder(req.partition, order) : order);
  });

  // No body (§3.5); anything sent is ignored.
  router.add('PUT', '/v1/orders/:id/cancellation', (req) => ok(cancelOrder(req.core, req.partition, param(req, 'id'))));
}
