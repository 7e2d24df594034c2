import { SmartpayApiError, SmartpayNetworkError } from '@kessai/adapters-smartpay';
import { UserError } from '../cli/user-error';

const TLS = /CERT|SSL|TLS|SELF_SIGNED|VERIFY|EPROTO/;

/** Why a request to `host` got no usable answer, in words, from the Smartpay client's error code. */
export function networkCause(code: string | undefined, host: string): string {
  switch (code) {
    case 'ENOTFOUND':
      return `the name ${host} does not resolve (DNS lookup failed, ENOTFOUND)`;
    case 'EAI_AGAIN':
      return `the name ${host} could not be looked up (no DNS answer, EAI_AGAIN)`;
    case 'ECONNREFUSED':
      return 'the connection was refused: nothing listens at that address and port (ECONNREFUSED)';
    case 'ECONNRESET':
      return 'the connection was cut before an answer (ECONNRESET)';
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return `there is no network route to ${host} (${code})`;
    case 'UND_ERR_CONNECT_TIMEOUT':
      return 'connecting timed out: a firewall or a closed network drops the packets (UND_ERR_CONNECT_TIMEOUT)';
    case 'timeout':
      return 'no answer in time (SMARTPAY_TIMEOUT_MS)';
    case 'invalid_body':
      return 'it answered with a body that is not JSON: is that URL Smartpay’s API?';
  }
  if (code && TLS.test(code))
    return `TLS failed (${code}): the certificate is not trusted or the port does not speak HTTPS (a proxy that intercepts TLS needs NODE_EXTRA_CA_CERTS)`;
  return `the request failed (${code ?? 'network error'})`;
}

function causes(error: unknown): unknown[] {
  const chain: unknown[] = [];
  for (let at = error; at !== undefined && chain.length < 5; at = (at as { cause?: unknown }).cause) chain.push(at);
  return chain;
}

/**
 * Start-up could not talk to Smartpay at `apiBase`: one line with the URL, the cause and what to do, or null when
 * `error` (or what it wraps) is not that.
 */
export function smartpayUnreachable(error: unknown, apiBase: string): UserError | null {
  const found = causes(error).find(
    (candidate) =>
      candidate instanceof SmartpayNetworkError ||
      (candidate instanceof SmartpayApiError && candidate.statusCode >= 500),
  );
  if (!found) return null;
  if (found instanceof SmartpayApiError)
    return new UserError(
      `Smartpay at ${apiBase} answered ${found.statusCode} (${found.errorCode}) at start-up: it is failing or down; ` +
        'start again in a while',
    );
  const host = URL.canParse(apiBase) ? new URL(apiBase).host : apiBase;
  return new UserError(
    `cannot reach Smartpay at ${apiBase}: ${networkCause((found as SmartpayNetworkError).code, host)}. Check ` +
      'SMARTPAY_API_BASE and this machine’s network (DNS, proxy, firewall), or unset SMARTPAY_API_BASE and ' +
      'SMARTPAY_SECRET_KEY to use the local sandbox',
  );
}
