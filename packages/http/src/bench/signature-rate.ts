import { type CryptoKey, importJWK, type JWK, jwtVerify } from 'jose';

export interface SignatureRate {
  /** Checks per CPU second of this process, one check at a time: what one core does. */
  perCore: number;
  /** Checks per wall second with many in flight (WebCrypto runs them on libuv's threads). */
  inFlight: number;
}

/**
 * The bare ES512 (P-521) signature check, with the call and options the authenticator makes (jose's `jwtVerify`
 * on an imported public key), over distinct tokens, in the load process while nothing is being loaded.
 */
export async function signatureCheckRate(publicJwk: JWK, tokens: string[]): Promise<SignatureRate> {
  const key = (await importJWK(publicJwk, 'ES512')) as CryptoKey;
  const check = (token: string) =>
    jwtVerify(token, key, { algorithms: ['ES512'], requiredClaims: ['exp'], clockTolerance: 5 });
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
