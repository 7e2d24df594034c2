import { SmartpayApiError, SmartpayNetworkError } from '@kessai/adapters-smartpay';
import { ProviderUnreachableError } from '@kessai/domain';
import { smartpayUnreachable } from './smartpay-unreachable';

const apiBase = 'https://api.smartpay.co/v1';
const network = (code: string | undefined) => new SmartpayNetworkError('request to Smartpay failed', false, code);
const said = (error: unknown) => smartpayUnreachable(error, apiBase)?.message;

describe('what start-up says when Smartpay cannot be reached', () => {
  it.each([
    ['ENOTFOUND', 'the name api.smartpay.co does not resolve (DNS lookup failed, ENOTFOUND)'],
    ['EAI_AGAIN', 'the name api.smartpay.co could not be looked up (no DNS answer, EAI_AGAIN)'],
    ['ECONNREFUSED', 'the connection was refused: nothing listens at that address and port (ECONNREFUSED)'],
    ['UND_ERR_CONNECT_TIMEOUT', 'connecting timed out: a firewall or a closed network drops the packets'],
    ['timeout', 'no answer in time (SMARTPAY_TIMEOUT_MS)'],
    ['UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'TLS failed (UNABLE_TO_VERIFY_LEAF_SIGNATURE): the certificate is not trusted'],
    ['EHOSTUNREACH', 'there is no network route to api.smartpay.co (EHOSTUNREACH)'],
  ])('names the URL and the cause, for %s', (code, cause) => {
    expect(said(network(code))).toContain(`cannot reach Smartpay at ${apiBase}: ${cause}`);
  });

  it('says what to do, on one line', () => {
    const message = said(network('ECONNREFUSED')) as string;
    expect(message).toContain('Check SMARTPAY_API_BASE and this machine’s network');
    expect(message).toContain('unset SMARTPAY_API_BASE and SMARTPAY_SECRET_KEY to use the local sandbox');
    expect(message).not.toContain('\n');
  });

  it('finds the cause under the connection setup’s "unreachable"', () => {
    const wrapped = new ProviderUnreachableError('Smartpay could not be reached', { cause: network('ENOTFOUND') });
    expect(said(wrapped)).toContain('does not resolve');
  });

  it('says a failing Smartpay is failing, not unreachable', () => {
    expect(said(new SmartpayApiError(503, 'server.error', 'down'))).toBe(
      `Smartpay at ${apiBase} answered 503 (server.error) at start-up: it is failing or down; start again in a while`,
    );
  });

  it('leaves other errors alone', () => {
    expect(said(new SmartpayApiError(401, 'unauthorized', 'no'))).toBeUndefined();
    expect(said(new Error('bug'))).toBeUndefined();
  });
});
