import { calculateSignature, decodeSigningSecret, signatureMatches } from './signature';

// The official vectors (smartpay-api.md §6.1; identical in Smartpay's node, python and php SDK tests).
const SECRET = 'gybcsjixKyBW2d4z6iNPlaYzHUMtawnodwZt3W0q';
const TIMESTAMP = '1653028612220';
const BODY =
  '{"id":"evt_test_dwPfFKu5iSEKyHR2LFj9Lx","object":"event","createdAt":1653028523052,"test":true,"eventData":{"type":"payment.created","version":"2022-02-18","data":{"id":"payment_test_35LxgmF5KM22XKG38BjpJg","object":"payment","test":true,"createdAt":1653028523020,"updatedAt":1653028523020,"amount":200,"currency":"JPY","order":"order_test_RiYq2rthzRHrkKVGeucSwn","reference":"order_ref_1234567","status":"processed","metadata":{}}}}';

describe('Smartpay webhook signatures', () => {
  it('matches the official test vector', () => {
    expect(calculateSignature(SECRET, `${TIMESTAMP}.${BODY}`)).toBe(
      '68007ada8485ea0ceca7c5e879ae860a50412b7af95ab8e81b32a3e13f3c0832',
    );
    expect(
      signatureMatches(SECRET, TIMESTAMP, BODY, '68007ada8485ea0ceca7c5e879ae860a50412b7af95ab8e81b32a3e13f3c0832'),
    ).toBe(true);
  });

  it('matches the second vector (raw helper)', () => {
    expect(calculateSignature('MOCKSECRETKEY', 'test data')).toBe(
      'ae82b27dd6dafd0dbfc65faff07160833776cf60915782ef991557e51e4d1782',
    );
  });

  it('decodes a 40-char secret to a 30-byte key, leading A as a zero byte', () => {
    expect(decodeSigningSecret(SECRET)).toHaveLength(30);
    expect(decodeSigningSecret('AAB')[0]).toBe(0);
    expect(decodeSigningSecret('AAB')).toEqual(Buffer.from([0, 0, 1]));
  });

  it('refuses a tampered body, another timestamp, a wrong secret and a truncated signature', () => {
    const good = calculateSignature(SECRET, `${TIMESTAMP}.${BODY}`);
    expect(signatureMatches(SECRET, TIMESTAMP, BODY.replace('"amount":200', '"amount":900'), good)).toBe(false);
    expect(signatureMatches(SECRET, '1653028612221', BODY, good)).toBe(false);
    expect(signatureMatches('MOCKSECRETKEY', TIMESTAMP, BODY, good)).toBe(false);
    expect(signatureMatches(SECRET, TIMESTAMP, BODY, good.slice(0, 10))).toBe(false);
  });
});
