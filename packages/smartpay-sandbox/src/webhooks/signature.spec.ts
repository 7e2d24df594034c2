import { calculateSignature, signWebhook, verifyWebhook } from './signature';

// The official vectors of §6.1 (node test/unit.js, py unit.py, php tests/ApiTest.php).
const SECRET = 'gybcsjixKyBW2d4z6iNPlaYzHUMtawnodwZt3W0q';
const TIMESTAMP = '1653028612220';
const BODY =
  '{"id":"evt_test_dwPfFKu5iSEKyHR2LFj9Lx","object":"event","createdAt":1653028523052,"test":true,"eventData":{"type":"payment.created","version":"2022-02-18","data":{"id":"payment_test_35LxgmF5KM22XKG38BjpJg","object":"payment","test":true,"createdAt":1653028523020,"updatedAt":1653028523020,"amount":200,"currency":"JPY","order":"order_test_RiYq2rthzRHrkKVGeucSwn","reference":"order_ref_1234567","status":"processed","metadata":{}}}}';
const EXPECTED = '68007ada8485ea0ceca7c5e879ae860a50412b7af95ab8e81b32a3e13f3c0832';

describe('webhook signature (§6.1)', () => {
  it('matches the official test vector', () => {
    expect(signWebhook(SECRET, TIMESTAMP, BODY)).toBe(EXPECTED);
    expect(calculateSignature(SECRET, `${TIMESTAMP}.${BODY}`)).toBe(EXPECTED);
  });

  it('matches the second vector (raw helper, no timestamp)', () => {
    expect(calculateSignature('MOCKSECRETKEY', 'test data')).toBe(
      'ae82b27dd6dafd0dbfc65faff07160833776cf60915782ef991557e51e4d1782',
    );
  });

  it('verifies in constant time and rejects any change', () => {
    expect(verifyWebhook(SECRET, TIMESTAMP, BODY, EXPECTED)).toBe(true);
    expect(verifyWebhook(SECRET, '1653028612221', BODY, EXPECTED)).toBe(false);
    expect(verifyWebhook(SECRET, TIMESTAMP, `${BODY} `, EXPECTED)).toBe(false);
    expect(verifyWebhook(SECRET, TIMESTAMP, BODY, 'short')).toBe(false);
  });
});
