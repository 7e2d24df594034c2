import type { FastifyRequest } from 'fastify';
import { ApiError } from './api-error';
import { isJsonObject, kindOf, RAW_TEXT_RULES, REQUEST_TEXT_RULES, unacceptablePart } from './request-guard';

/**
 * Every route's input passes here first (a `preValidation` hook): an absent POST body means `{}`, anything else must
 * be a JSON object, and no part of a body, query or path may be nested absurdly deep, hold text that storage cannot
 * keep, or (but for a raw body, a provider's own words) bidi controls that would reorder the text shown around it.
 */
export async function guardInput(request: FastifyRequest): Promise<void> {
  const raw = request.routeOptions.config.rawBody === true;
  if (request.method === 'POST' && !raw) {
    if (request.body === undefined) request.body = {};
    else if (!isJsonObject(request.body))
      throw ApiError.badRequest('Request failed validation', [
        {
          location: 'body',
          pointer: '/',
          message: `the request body must be a JSON object, not ${kindOf(request.body)}`,
          type: 'object_expected',
        },
      ]);
  }
  for (const [location, value] of [
    ['body', request.body],
    ['query', request.query],
    ['path', request.params],
  ] as const) {
    const problem = unacceptablePart(value, location, raw && location === 'body' ? RAW_TEXT_RULES : REQUEST_TEXT_RULES);
    if (problem) throw ApiError.badRequest('Request failed validation', [problem]);
  }
}
