import { decodeJwt, es512PublicKey, verifiesEs512 } from '@kessai/api';
import type { JWK } from 'jose';

export interface SignatureRate {
  /** Checks per CPU second of this process, one check at a time: what one core does. */
  perCore: number;
  /** Checks per wall second with many in flight (the checks run on libuv's threads). */
  inFlight: number;
}

/**
 * The bare ES512 (P-521) signature check, with the calls the authenticator makes (decode the token, check its
 * signature with the registered key), over distinct tokens, in the load process while nothing is being loaded.
 */
export async function signatureCheckRate(publicJwk: JWK, tokens: string[]): Promise<SignatureRate> {
  const key = es512PublicKey(publicJwk);
  if (!key) throw new Error('the API key is not a P-521 key');
  const check = async (token: string) => {
    const jwt = decodeJwt(token);
    if (!jwt || !(await verifiesEs512(key, jwt))) throw new Error('a signed token did not check out');
  };
  const half = Math.floor(tokens.length / 2);
  const cpuBefore = process.cpuUsage();
  for (const token of tokens.slice(0, half)) await check(token);
  const cpu = process.cpuUsage(cpuBefore);
  const wallStarted = process.hrtime.bigint();
  const rest = tokens.slice(half);
  for (let from = 0; from < rest.length; from += 16) await Promise.all(rest.slice(from, from + 16).map(check));
  const wallSeconds = Number(process.hrtime.bigint() - wallStarted) / 1e9;
  return { perCore: half / ((cpu.user + cpu.system) / 1e6), inFlight: rest.length / wallSeconds };
}
