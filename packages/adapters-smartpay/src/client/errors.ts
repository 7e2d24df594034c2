/**
 * Smartpay's error body `{statusCode, errorCode, message, details}` as a typed error. It keeps the provider's own
 * code and message for `raw_response_*`, and never the request (so never the secret key in its header).
 */
export class SmartpayApiError extends Error {
  constructor(
    readonly statusCode: number,
    readonly errorCode: string,
    readonly rawMessage: string,
    readonly details: unknown[] = [],
  ) {
    super(`Smartpay answered ${statusCode} ${errorCode}: ${rawMessage}`);
    this.name = 'SmartpayApiError';
  }
}

/**
 * No usable answer: connection refused or reset, timeout, unreadable body. `mayHaveReachedProvider` is false only
 * when the request provably never left (refused, DNS), because only then is "it did not happen" certain.
 */
export class SmartpayNetworkError extends Error {
  constructor(
    message: string,
    readonly mayHaveReachedProvider: boolean,
    readonly code: string | undefined,
  ) {
    super(message);
    this.name = 'SmartpayNetworkError';
  }
}

const NEVER_SENT = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'UND_ERR_CONNECT_TIMEOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
]);

export function networkErrorFrom(error: unknown): SmartpayNetworkError {
  const cause = (error as { cause?: { code?: string } }).cause;
  const code = (error as { code?: string }).code ?? cause?.code;
  const name = (error as { name?: string }).name;
  const timedOut =
    name === 'TimeoutError' ||
    name === 'AbortError' ||
    code === 'UND_ERR_HEADERS_TIMEOUT' ||
    code === 'UND_ERR_BODY_TIMEOUT';
  const what = timedOut ? 'timed out' : `failed (${code ?? name ?? 'network error'})`;
  return new SmartpayNetworkError(
    `request to Smartpay ${what}`,
    !(code && NEVER_SENT.has(code)),
    code ?? (timedOut ? 'timeout' : undefined),
  );
}
