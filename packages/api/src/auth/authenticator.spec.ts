import { createPrivateKey, sign } from 'node:crypto';
import { getToken } from '@gr4vy/sdk';
import { InMemoryApiKeyRegistry } from '@kessai/domain/in-memory';
import { type JWK, SignJWT } from 'jose';
import { registerNewKey } from './api-keys';
import { Authenticator, KEY_CACHE_MS, requireScope } from './authenticator';
import { createKeyPair, signToken } from './keys';

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** A token signed by hand: any header, any payload, a real ES512 signature over them. */
function handMade(privateJwk: JWK, header: Record<string, unknown>, payload: unknown): string {
  const input = `${b64(header)}.${b64(payload)}`;
  const key = createPrivateKey({ key: privateJwk as never, format: 'jwk' });
  const signature = sign('sha512', Buffer.from(input), { key, dsaEncoding: 'ieee-p1363' });
  return `${input}.${signature.toString('base64url')}`;
}

async function setup(options: ConstructorParameters<typeof Authenticator>[1] = {}) {
  const keys = new InMemoryApiKeyRegistry();
  const pair = await registerNewKey(keys, ['default']);
  const authenticator = new Authenticator(keys, options);
  const now = Math.floor(Date.now() / 1000);
  const header = { alg: 'ES512', typ: 'JWT', kid: pair.kid };
  const claims = { scopes: ['*.read'], iat: now, nbf: now - 1, exp: now + 60 };
  const check = (token: string) => authenticator.authenticate(`Bearer ${token}`, undefined);
  return { keys, pair, authenticator, now, header, claims, check };
}

describe('Authenticator: ES512 bearer tokens', () => {
  it("accepts the Gr4vy SDK's own tokens and a CLI token, with their scopes and merchant", async () => {
    const { pair, check } = await setup();
    const privateKey = createPrivateKey({ key: pair.privateJwk as never, format: 'jwk' })
      .export({ format: 'pem', type: 'pkcs8' })
      .toString();
    const sdk = await getToken({ privateKey, scopes: ['transactions.read'] });
    await expect(check(sdk)).resolves.toMatchObject({ kid: pair.kid, merchantAccountId: 'default' });
    const cli = await signToken(pair.privateJwk, { scopes: ['*.write'] });
    await expect(check(cli)).resolves.toMatchObject({ scopes: ['*.write'] });
  });

  it('refuses a signature by another key, a changed payload, a cut or padded signature, and garbage', async () => {
    const { pair, header, claims, check } = await setup();
    const other = await createKeyPair();
    const good = handMade(pair.privateJwk, header, claims);
    const [h, p, s] = good.split('.') as [string, string, string];
    const refused = [
      handMade({ ...other.privateJwk, kid: pair.kid }, header, claims),
      `${h}.${b64({ ...claims, scopes: ['*.write'] })}.${s}`,
      `${h}.${p}.${s.slice(0, -4)}`,
      `${h}.${p}.${s}AAAA`,
      `${h}.${p}.`,
      `${h}.${p}`,
      `${h}.${p}.${s}.x`,
      'not-a-jwt',
      `${b64('text')}.${p}.${s}`,
      `${h}.${b64([1, 2])}.${s}`,
    ];
    for (const token of refused) await expect(check(token)).rejects.toMatchObject({ status: 401 });
    await expect(check(good)).resolves.toMatchObject({ kid: pair.kid });
  });

  it('takes ES512 only, and a kid that is a registered, unrevoked thumbprint', async () => {
    const { keys, pair, header, claims, check } = await setup();
    for (const alg of ['none', 'ES256', 'HS512', 'RS512', undefined]) {
      await expect(check(handMade(pair.privateJwk, { ...header, alg }, claims))).rejects.toMatchObject({
        status: 401,
      });
    }
    await expect(check(handMade(pair.privateJwk, { alg: 'ES512' }, claims))).rejects.toMatchObject({ status: 401 });
    await expect(check(handMade(pair.privateJwk, { ...header, kid: 'a.b' }, claims))).rejects.toMatchObject({
      status: 401,
    });
    await keys.revoke(pair.kid, new Date());
    await expect(check(handMade(pair.privateJwk, header, claims))).rejects.toMatchObject({ status: 401 });
  });

  it('stops accepting a key revoked by another process within five seconds, reused tokens included', async () => {
    const { keys, pair, header, claims, check } = await setup();
    const token = handMade(pair.privateJwk, header, claims);
    const started = Date.now();
    const clock = jest.spyOn(Date, 'now');
    try {
      clock.mockReturnValue(started);
      await expect(check(token)).resolves.toMatchObject({ kid: pair.kid });
      // Revoked in storage, as another process's DELETE /api-keys does: this process's cache is not told.
      await keys.revoke(pair.kid, new Date(started));
      clock.mockReturnValue(started + KEY_CACHE_MS + 1);
      await expect(check(token)).rejects.toMatchObject({ status: 401 });
      expect(KEY_CACHE_MS).toBeLessThanOrEqual(5_000);
    } finally {
      clock.mockRestore();
    }
  });

  it('reads a key once for the requests that find its cache entry run out together', async () => {
    const { keys, pair, header, claims, check } = await setup();
    const tokens = Array.from({ length: 20 }, (_, i) => handMade(pair.privateJwk, header, { ...claims, n: i }));
    const reads = jest.spyOn(keys, 'findByKid');
    const started = Date.now();
    const clock = jest.spyOn(Date, 'now');
    try {
      clock.mockReturnValue(started);
      await Promise.all(tokens.map(check));
      clock.mockReturnValue(started + KEY_CACHE_MS + 1);
      await Promise.all(tokens.map(check));
      expect(reads).toHaveBeenCalledTimes(2);
    } finally {
      clock.mockRestore();
    }
  });

  it('checks exp (required), nbf and iat with five seconds of tolerance, and refuses a crit header', async () => {
    const { pair, header, claims, now, check } = await setup();
    const token = (payload: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
      handMade(pair.privateJwk, { ...header, ...extra }, payload);
    const { exp: _exp, ...withoutExp } = claims;
    await expect(check(token(withoutExp))).rejects.toMatchObject({ status: 401 });
    await expect(check(token({ ...claims, exp: String(now + 60) }))).rejects.toMatchObject({ status: 401 });
    await expect(check(token({ ...claims, exp: now - 6 }))).rejects.toMatchObject({
      message: 'the token has expired',
    });
    await expect(check(token({ ...claims, exp: now + 2 }))).resolves.toBeDefined();
    await expect(check(token({ ...claims, nbf: now + 30 }))).rejects.toMatchObject({ status: 401 });
    await expect(check(token({ ...claims, nbf: now + 3 }))).resolves.toBeDefined();
    await expect(check(token({ ...claims, nbf: 'soon' }))).rejects.toMatchObject({ status: 401 });
    await expect(check(token({ ...claims, iat: 'now' }))).rejects.toMatchObject({ status: 401 });
    await expect(check(token(claims, { crit: ['exp'] }))).rejects.toMatchObject({ status: 401 });
    await expect(check(token({ ...claims, exp: now + 90_000 }))).rejects.toMatchObject({ status: 401 });
  });

  it('keeps at most maxCachedTokens verified tokens, dropping the oldest, and still answers for every one', async () => {
    const { pair, check } = await setup({ maxCachedTokens: 3 });
    const tokens = await Promise.all(
      Array.from({ length: 5 }, (_, i) =>
        new SignJWT({ scopes: [`s${i}`] })
          .setProtectedHeader({ alg: 'ES512', kid: pair.kid })
          .setExpirationTime('1m')
          .sign(createPrivateKey({ key: pair.privateJwk as never, format: 'jwk' })),
      ),
    );
    for (const token of tokens) await check(token);
    for (const [i, token] of tokens.entries()) await expect(check(token)).resolves.toMatchObject({ scopes: [`s${i}`] });
  });

  it('bounds a token’s scopes by its key’s: a scope beyond them is dropped, a wildcard narrows to them', async () => {
    const { keys, pair, check } = await setup();
    const stored = await keys.findByKid(pair.kid);
    if (!stored) throw new Error('the key is registered');
    await keys.add({ ...stored, scopes: ['transactions.read', 'buyers.write'] });
    const wide = await signToken(pair.privateJwk, { scopes: ['*.read', '*.write', 'payment-services.read'] });
    const principal = await check(wide);
    expect(principal.scopes).toEqual(['transactions.read', 'buyers.write']);
    expect(() => requireScope(principal, 'payment-services.read')).toThrow(/lacks the "payment-services.read"/);
    expect(() => requireScope(principal, 'transactions.read')).not.toThrow();
    const cached = await check(wide);
    expect(cached.scopes).toEqual(['transactions.read', 'buyers.write']);
  });

  it('tells of each accepted token’s key, and a failed note does not fail the request', async () => {
    const accepted: string[] = [];
    const { pair, check } = await setup({
      onAccepted: async (kid) => {
        accepted.push(kid);
        throw new Error('storage is down');
      },
    });
    const token = await signToken(pair.privateJwk, { scopes: ['*.read'] });
    await expect(check(token)).resolves.toMatchObject({ kid: pair.kid });
    await expect(check('not-a-jwt')).rejects.toMatchObject({ status: 401 });
    await expect(check(token)).resolves.toMatchObject({ kid: pair.kid });
    expect(accepted).toEqual([pair.kid, pair.kid]);
  });
});
