import { BuyerExternalIdentifierTakenError, DomainError, ProviderRefusedSetupError } from '@kessai/domain';
import type { FastifyError } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { ApiError, type ErrorDetail } from './api-error';

interface HttpAnswer {
  status: number;
  code: ApiError['code'];
  /** Gr4vy's `details[]` where they say more than the rule's code and field (the default). */
  details?: (error: DomainError) => ErrorDetail[];
  /** The record the client may want next (the buyer holding an identifier), as Gr4vy's `resource_id`. */
  resourceId?: (error: DomainError) => string | undefined;
}

/**
 * The one table from domain error codes to HTTP. Rule violations are 400 `bad_request` with a `details[].type`
 * naming the rule (gr4vy-api.md §6.3's proposal); lookups are 404 (another merchant's ids too, so existence never
 * leaks); races are 409.
 */
const DOMAIN_TO_HTTP: Record<string, HttpAnswer> = {
  transaction_not_found: { status: 404, code: 'not_found' },
  refund_not_found: { status: 404, code: 'not_found' },
  capture_not_found: { status: 404, code: 'not_found' },
  payment_service_not_found: { status: 404, code: 'not_found' },
  webhook_subscription_not_found: { status: 404, code: 'not_found' },
  webhook_delivery_not_found: { status: 404, code: 'not_found' },
  buyer_not_found: { status: 404, code: 'not_found' },
  api_key_not_found: { status: 404, code: 'not_found' },
  dashboard_user_not_found: { status: 404, code: 'not_found' },
  admin_only: { status: 403, code: 'forbidden' },
  shipping_details_not_found: { status: 404, code: 'not_found' },
  checkout_session_not_found: { status: 404, code: 'not_found' },
  checkout_session_paid: { status: 409, code: 'duplicate_record' },
  embed_forbidden: { status: 403, code: 'forbidden' },
  reconciliation_run_not_found: { status: 404, code: 'not_found' },
  reconciliation_item_not_found: { status: 404, code: 'not_found' },
  duplicate_record: { status: 409, code: 'duplicate_record' },
  buyer_external_identifier_taken: {
    status: 409,
    code: 'duplicate_record',
    resourceId: (error) => (error instanceof BuyerExternalIdentifierTakenError ? error.holderId : undefined),
  },
  concurrency_conflict: { status: 409, code: 'concurrent_request' },
  // Said more precisely (replay, in flight, another request) by the idempotency hooks on the way out.
  idempotency_key_held: { status: 409, code: 'concurrent_request' },
  // A reference the request's shape allows but its values cannot take: Gr4vy's `value_error`, at the field.
  invalid_buyer_reference: {
    status: 400,
    code: 'bad_request',
    details: (error) => [{ location: 'body', pointer: error.field ?? '', message: error.message, type: 'value_error' }],
  },
  payment_service_deleted: {
    status: 400,
    code: 'bad_request',
    details: (error) => [{ location: 'path', pointer: '/payment_service_id', message: error.message, type: 'deleted' }],
  },
  webhook_signing_secret_required: {
    status: 400,
    code: 'bad_request',
    details: () => [{ location: 'body', pointer: '/webhook_signing_secret', message: 'required', type: 'missing' }],
  },
  provider_refused_setup: {
    status: 400,
    code: 'bad_request',
    // The provider's own code and words: what the merchant can look up in the provider's documentation.
    details: (error) =>
      error instanceof ProviderRefusedSetupError
        ? [{ location: 'body', pointer: '/', message: error.providerMessage, type: error.providerCode }]
        : [],
  },
  provider_unreachable: { status: 502, code: 'bad_gateway' },
  webhook_verification_failed: { status: 401, code: 'unauthorized' },
  password_check_busy: { status: 503, code: 'service_unavailable' },
};

export function fromDomainError(error: DomainError): ApiError {
  const mapped: HttpAnswer = DOMAIN_TO_HTTP[error.code] ?? { status: 400, code: 'bad_request' };
  const pointer = error.field ?? '';
  // A field of '' is the whole body (a cap on what it would create); no field at all points nowhere.
  const location = error.field === undefined ? 'unknown' : pointer.startsWith('/cursor') ? 'query' : 'body';
  const details: ErrorDetail[] =
    mapped.details?.(error) ??
    (mapped.status === 400 ? [{ location, pointer, message: error.message, type: error.code }] : []);
  return new ApiError(mapped.status, mapped.code, error.message, details, mapped.resourceId?.(error));
}

/**
 * Fastify's own request errors (parsing, media type, size, URL) are the client's fault, answered with Kessai's
 * codes: Fastify's internal names never reach a client.
 */
const FASTIFY_CLIENT_ERRORS: Record<string, { status: number; code: ApiError['code']; type: string; message: string }> =
  {
    FST_ERR_CTP_EMPTY_JSON_BODY: {
      status: 400,
      code: 'bad_request',
      type: 'empty_body',
      message: 'the request body is empty but Content-Type is application/json',
    },
    FST_ERR_CTP_INVALID_MEDIA_TYPE: {
      status: 415,
      code: 'unsupported_media_type',
      type: 'unsupported_media_type',
      message: 'Content-Type must be application/json',
    },
    FST_ERR_CTP_BODY_TOO_LARGE: {
      status: 413,
      code: 'payload_too_large',
      type: 'body_too_large',
      message: 'the request body is too large',
    },
    FST_ERR_CTP_INVALID_CONTENT_LENGTH: {
      status: 400,
      code: 'bad_request',
      type: 'invalid_content_length',
      message: 'Content-Length does not match the body',
    },
    FST_ERR_CTP_INVALID_JSON_BODY: {
      status: 400,
      code: 'bad_request',
      type: 'json_invalid',
      message: 'the request body is not valid JSON',
    },
    FST_ERR_BAD_URL: { status: 400, code: 'bad_request', type: 'invalid_url', message: 'the URL is not valid' },
    FST_ERR_MAX_PARAM_LENGTH: {
      status: 414,
      code: 'uri_too_long',
      type: 'path_parameter_too_long',
      message: 'a path parameter is too long',
    },
  };

/** A path as an error message may quote it: without the query, and cut short. */
export function pathForMessage(url: string): string {
  const path = url.split('?')[0] ?? '';
  return path.length > 120 ? `${path.slice(0, 120)}…` : path;
}

export function toApiError(error: unknown, requestPart?: string): ApiError {
  if (error instanceof ApiError) return error;
  if (error instanceof DomainError) return fromDomainError(error);
  const fastifyError = error as FastifyError & { validation?: unknown };
  if (hasZodFastifySchemaValidationErrors(fastifyError)) {
    const location = locationOf(fastifyError.validationContext ?? requestPart);
    const details = fastifyError.validation.map((issue) => ({
      location,
      pointer: issue.instancePath === '/' || issue.instancePath === '' ? '/' : issue.instancePath,
      message: issue.message ?? 'invalid value',
      type: issue.keyword,
    }));
    return ApiError.badRequest('Request failed validation', details);
  }
  const known = fastifyError?.code ? FASTIFY_CLIENT_ERRORS[fastifyError.code] : undefined;
  if (known) {
    const location = known.type === 'invalid_url' || known.type === 'path_parameter_too_long' ? 'path' : 'body';
    return new ApiError(known.status, known.code, known.message, [
      { location, pointer: '/', message: known.message, type: known.type },
    ]);
  }
  if (error instanceof SyntaxError || fastifyError?.statusCode === 400) {
    const message = error instanceof SyntaxError ? error.message : 'the request is not valid';
    return ApiError.badRequest('the request body is not valid JSON', [
      { location: 'body', pointer: '/', message, type: 'json_invalid' },
    ]);
  }
  if (fastifyError?.statusCode === 404) return ApiError.notFound('no such route');
  if (fastifyError?.statusCode === 405) return new ApiError(405, 'method_not_allowed', 'method not allowed');
  return new ApiError(500, 'server_error', 'an unexpected error occurred; it has been logged');
}

function locationOf(context: string | undefined): ErrorDetail['location'] {
  if (context === 'body') return 'body';
  if (context === 'querystring') return 'query';
  if (context === 'params') return 'path';
  if (context === 'headers') return 'header';
  return 'unknown';
}
