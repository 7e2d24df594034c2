/** One entry of Gr4vy's `details[]`: where the problem is, as a JSON pointer, and what it is. */
export interface ErrorDetail {
  location: 'body' | 'query' | 'path' | 'header' | 'unknown';
  pointer: string;
  message: string;
  type: string;
}

/** Gr4vy's error codes (reference/gr4vy-api.md §6.2), and Kessai's own for what HTTP refuses before a route runs. */
export type ErrorCode =
  | 'bad_request'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'method_not_allowed'
  | 'request_timeout'
  | 'duplicate_record'
  | 'concurrent_request'
  | 'payload_too_large'
  | 'uri_too_long'
  | 'unsupported_media_type'
  | 'too_many_requests'
  | 'request_header_fields_too_large'
  | 'server_error'
  | 'bad_gateway'
  | 'service_unavailable'
  // The dashboard's sign-in and sessions (dashboard-auth/README.md).
  | 'invalid_credentials'
  | 'too_many_attempts'
  | 'unauthenticated'
  | 'csrf_token_invalid'
  | 'password_change_required';

/** An error the API answers with, in Gr4vy's envelope `{type:"error", code, status, message, details}`. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    readonly details: ErrorDetail[] = [],
    readonly resourceId?: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  toBody(): ErrorBody {
    return {
      type: 'error',
      code: this.code,
      status: this.status,
      message: this.message,
      details: this.details,
      ...(this.resourceId ? { resource_id: this.resourceId } : {}),
    };
  }

  static badRequest(message: string, details: ErrorDetail[] = []): ApiError {
    return new ApiError(400, 'bad_request', message, details);
  }
  static unauthorized(message: string): ApiError {
    return new ApiError(401, 'unauthorized', message);
  }
  static forbidden(message: string): ApiError {
    return new ApiError(403, 'forbidden', message);
  }
  static notFound(message: string): ApiError {
    return new ApiError(404, 'not_found', message);
  }
}

export interface ErrorBody {
  type: 'error';
  code: ErrorCode;
  status: number;
  message: string;
  details: ErrorDetail[];
  resource_id?: string;
}
