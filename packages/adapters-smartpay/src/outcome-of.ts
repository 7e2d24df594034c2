import { type ConnectorOutcome, declined, failed, unknownOutcome } from '@kessai/domain';
import { SmartpayApiError, SmartpayNetworkError } from './client/errors';

/**
 * How a Smartpay error becomes an outcome. Business refusals (403 `amount.insufficient`, 409
 * `order.cannot-capture`, `payment.excessive-amount`, `order.cannot-cancel`) are declines. Requests Smartpay
 * rejected as such (400, 401, 404) are failures: nothing happened. 5xx after retries, timeouts and resets are
 * unknown: the money may have moved, and only a later fetch can tell.
 */
export function outcomeOfError<T>(error: unknown): ConnectorOutcome<T> {
  if (error instanceof SmartpayNetworkError) {
    return error.mayHaveReachedProvider
      ? unknownOutcome(error.message)
      : failed(error.code ?? 'network_error', error.message);
  }
  if (error instanceof SmartpayApiError) {
    if (error.statusCode >= 500) return unknownOutcome(`Smartpay ${error.statusCode} ${error.errorCode}`);
    if (error.statusCode === 403 || error.statusCode === 409) return declined(error.errorCode, error.rawMessage);
    return failed(error.errorCode, error.rawMessage);
  }
  return unknownOutcome(`unexpected error: ${error instanceof Error ? error.message : String(error)}`);
}
