import { createCheckoutSession } from '../checkout';
import { notFound } from '../errors';
import { paginate } from '../pagination';
import { expandOrder, expandSession, wantsExpand } from '../present';
import { checkoutSessionCreate, parseBody } from '../validation';
import { type ApiRouter, ok, param } from './types';

export function registerCheckoutSessionRoutes(router: ApiRouter): void {
  router.add('POST', '/v1/checkout-sessions', ({ core, partition, body }) => {
    const { session, order } = createCheckoutSession(core, partition, parseBody(checkoutSessionCreate, body));
    // The create response always embeds the order with its line items (§3.2).
    return ok({ ...session, order: expandOrder(partition, order) });
  });

  router.add('GET', '/v1/checkout-sessions', ({ partition, query }) => {
    const expand = wantsExpand(query);
    return ok(paginate(partition.checkoutSessions, query, (s) => (expand ? expandSession(partition, s) : s)));
  });

  router.add('GET', '/v1/checkout-sessions/:id', (req) => {
    const id = param(req, 'id');
    const session = req.partition.checkoutSessions.get(id);
    if (!session) throw notFound('checkout-session', id);
    return ok(wantsExpand(req.query) ? expandSession(req.partition, session) : session);
  });
}
