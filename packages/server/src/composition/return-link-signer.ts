import { hkdfSync, randomBytes } from 'node:crypto';
import { ReturnLinkSigner } from '@kessai/domain';
import type { Config } from './config';

/** Only for a deployment with no encryption key: memory storage, which is one process by nature. */
const PROCESS_KEY = randomBytes(32);

/** Every process of a deployment signs return links alike, with a key of their own derived from KESSAI_ENCRYPTION_KEY. */
export function returnLinkSigner(config: Config): ReturnLinkSigner {
  if (!config.KESSAI_ENCRYPTION_KEY) return new ReturnLinkSigner(PROCESS_KEY);
  const root = Buffer.from(config.KESSAI_ENCRYPTION_KEY, 'base64');
  return new ReturnLinkSigner(Buffer.from(hkdfSync('sha256', root, '', 'kessai buyer return link', 32)));
}
