/**
 * What a provider call came to. Outcomes are values, not exceptions: a decline is an answer, not an error.
 * `unknown` means we cannot tell whether the provider acted (timeout, reset, 5xx after retries): it must never be
 * treated as failed, because the money may have moved. Sync resolves it later.
 */
export type ConnectorOutcome<T> =
  | { kind: 'succeeded'; value: T }
  | { kind: 'declined'; code: string; message: string }
  | { kind: 'failed'; code: string; message: string }
  | { kind: 'unknown'; reason: string };

export const succeeded = <T>(value: T): ConnectorOutcome<T> => ({ kind: 'succeeded', value });
export const declined = <T>(code: string, message: string): ConnectorOutcome<T> => ({
  kind: 'declined',
  code,
  message,
});
export const failed = <T>(code: string, message: string): ConnectorOutcome<T> => ({ kind: 'failed', code, message });
/** The failure code every connector gives when the provider has no order under the id asked for. */
export const ORDER_NOT_FOUND = 'order_not_found';
export const orderNotFound = <T>(message: string): ConnectorOutcome<T> => failed(ORDER_NOT_FOUND, message);
export const isOrderNotFound = (outcome: ConnectorOutcome<unknown>): boolean =>
  outcome.kind === 'failed' && outcome.code === ORDER_NOT_FOUND;

export const unknownOutcome = <T>(reason: string): ConnectorOutcome<T> => ({ kind: 'unknown', reason });
