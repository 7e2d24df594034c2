import type { PublicJwk } from './api-key';

/** A key pair just made: Kessai keeps the public half; the private half, as PKCS #8 PEM, is answered once. */
export interface NewApiKeyPair {
  kid: string;
  publicJwk: PublicJwk;
  privateKeyPem: string;
}

/** Makes key pairs the way tokens are verified (ES512, `kid` = JWK thumbprint); the crypto stays in an adapter. */
export interface ApiKeyPairGenerator {
  generate(): Promise<NewApiKeyPair>;
}
