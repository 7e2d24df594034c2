import { notFound } from '../errors';
import { ALL_EVENT_TYPES, type WebhookEndpoint } from '../model';
import { paginate } from '../pagination';
import type { Partition } from '../store';
import { parseBody, webhookEndpointCreate, webhookEndpointUpdate } from '../validation';
import { type ApiRouter, ok, param } from './types';

function findEndpoint(partition: Partition, id: string): WebhookEndpoint {
  const endpoint = partition.webhookEndpoints.get(id);
  if (!endpoint) throw notFound('webhook-endpoint', id);
  return endpoint;
}

export function registerWebhookEndpointRoutes(router: ApiRouter): void {
  router.add('POST', '/v1/webhook-endpoints', ({ core, partition, body }) => {
    const input = parseBody(webhookEndpointCreate, body);
    const now = core.now();
    const endpoint: WebhookEndpoint = {
      id: core.ids.next('webhookendpoint', partition.mode),
      object: 'webhookEndpoint',
      test: partition.test,
      createdAt: now,
      updatedAt: now,
      url: input.url,
      active: input.active,
      // Omitted = every event (§6); shown explicitly so the subscription is visible.
      eventSubscriptions: input.eventSubscriptions ?? [...ALL_EVENT_TYPES],
      description: input.description,
      metadata: input.metadata ?? {},
      signingSecret: core.ids.signingSecret(),
    };
    partition.webhookEndpoints.add(endpoint);
    return ok(endpoint);
  });

  router.add('GET', '/v1/webhook-endpoints', ({ partition, query }) =>
    ok(paginate(partition.webhookEndpoints, query, (e) => e)),
  );

  router.add('GET', '/v1/webhook-endpoints/:id', (req) => ok(findEndpoint(req.partition, param(req, 'id'))));

  router.add('PATCH', '/v1/webhook-endpoints/:id', (req) => {
    const update = parseBody(webhookEndpointUpdate, req.body);
    const endpoint = findEndpoint(req.partition, param(req, 'id'));
    if (update.url !== undefined) endpoint.url = update.url;
    if (update.active !== undefined) endpoint.active = update.active;
    if (update.eventSubscriptions !== undefined) endpoint.eventSubscriptions = update.eventSubscriptions;
    if (update.description !== undefined) endpoint.description = update.description;
    if (update.metadata !== undefined) endpoint.metadata = update.metadata;
    endpoint.updatedAt = req.core.now();
    return ok(endpoint);
  });

  router.add('DELETE', '/v1/webhook-endpoints/:id', (req) => {
    const id = param(req, 'id');
    if (!req.partition.webhookEndpoints.remove(id)) throw notFound('webhook-endpoint', id);
    return { status: 204 };
  });
}
