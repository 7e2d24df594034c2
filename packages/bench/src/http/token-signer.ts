import { parentPort, workerData } from 'node:worker_threads';
import { getToken } from '@gr4vy/sdk';

/**
 * A worker thread of the load process that signs tokens with the Gr4vy SDK's own `getToken` (what
 * `withToken` calls before every request: ES512, a new `jti`, 30 s expiry), so the API process does none of it.
 */
const { privateKey } = workerData as { privateKey: string };

parentPort?.on('message', async (count: number) => {
  const tokens: string[] = [];
  for (let n = 0; n < count; n++) tokens.push(await getToken({ privateKey }));
  parentPort?.postMessage(tokens);
});
