import { smartpayService } from '@kessai/domain/testing';
import { useTestDatabase } from '../testing/test-database';
import { CredentialCipher } from './credential-cipher';
import { KnexPaymentServiceRepository } from './knex-payment-service-repository';

describe('credentials at rest (AES-256-GCM)', () => {
  const database = useTestDatabase();

  it('stores ciphertext, never the secret, and reads it back', async () => {
    const cipher = new CredentialCipher('k1', { k1: Buffer.alloc(32, 1) });
    const repository = new KnexPaymentServiceRepository(database().knex, cipher);
    const service = smartpayService({
      credentials: { secretKey: 'sk_test_VerySecret42', webhookSigningSecret: 'SigningSecret99' },
    });
    await repository.add(service);
    const raw = await database().knex('payment_services').where({ id: service.id }).first();
    expect(JSON.stringify(raw)).not.toMatch(/VerySecret42|SigningSecret99/);
    expect(Buffer.from(raw.credentials_ciphertext).toString('utf8')).not.toContain('sk_test');
    expect(raw.credentials_key_id).toBe('k1');
    expect((await repository.findById(service.id))?.credentials).toEqual(service.credentials);
  });

  it('reads rows sealed with an older key after rotation, and refuses tampered ciphertext', async () => {
    const old = new CredentialCipher('k1', { k1: Buffer.alloc(32, 1) });
    const rotated = new CredentialCipher('k2', { k1: Buffer.alloc(32, 1), k2: Buffer.alloc(32, 2) });
    const sealed = old.seal({ secretKey: 'sk_test_a' });
    expect(rotated.open(sealed)).toEqual({ secretKey: 'sk_test_a' });
    expect(rotated.seal({ secretKey: 'x' }).keyId).toBe('k2');
    const tampered = { ...sealed, ciphertext: Buffer.from(sealed.ciphertext.map((b, i) => (i === 0 ? b ^ 1 : b))) };
    expect(() => rotated.open(tampered)).toThrow();
    expect(() => new CredentialCipher('k1', { k1: Buffer.alloc(16) })).toThrow(/32 bytes/);
  });
});
