import { createPrivateKey } from 'node:crypto';
import { Gr4vy, withToken } from '@gr4vy/sdk';
import type { Kessai } from './in-process-kessai';

/** The official Gr4vy SDK, unchanged, pointed at a running Kessai: only the server URL and the key differ. */
export function gr4vyClient(api: Pick<Kessai, 'baseUrl' | 'privateJwk'>, merchantAccountId = 'default'): Gr4vy {
  const privateKey = createPrivateKey({ key: api.privateJwk as never, format: 'jwk' })
    .export({ format: 'pem', type: 'pkcs8' })
    .toString();
  return new Gr4vy({ serverURL: api.baseUrl, merchantAccountId, bearerAuth: withToken({ privateKey }) });
}
