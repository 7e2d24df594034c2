/** A Smartpay error: `{statusCode, errorCode, message, details}` on the wire (§5). */
export class ApiError extends Error {
  constructor(
    readonly statusCode: number,
    readonly errorCode: string,
    message: string,
    readonly details: readonly unknown[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }

  toBody(): ErrorBody {
    return {
      statusCode: this.statusCode,
      errorCode: this.errorCode,
      message: this.message,
      details: [...this.details],
    };
  }
}

export interface ErrorBody {
  statusCode: number;
  errorCode: string;
  message: string;
  details: unknown[];
}

export type Resource = 'checkout-session' | 'order' | 'payment' | 'refund' | 'webhook-endpoint';

export const notFound = (resource: Resource, id: string): ApiError =>
  new ApiError(404, `${resource}.not-found`, `No ${resource} with id '${id}' for this key`);

export const invalidRequest = (details: readonly string[]): ApiError =>
  new ApiError(400, 'request.invalid', 'The request is invalid', details);

export const malformedRequest = (reason: string): ApiError =>
  new ApiError(400, 'request.malformed', `The request body could not be decoded: ${reason}`);

export const unauthorized = (): ApiError =>
  new ApiError(401, 'unauthorized', 'A valid secret key is required: Authorization: Basic sk_test_… or sk_live_…');
