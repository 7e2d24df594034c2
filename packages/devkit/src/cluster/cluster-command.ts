import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import {
  claimDevLock,
  defaultDataDir,
  devEncryptionKey,
  type ParsedArgs,
  stringOption,
  UserError,
} from '@kessai/server';
import { renderClusterBanner } from './cluster-banner';
import { requireClusterBinaries } from './cluster-binaries';
import { type LocalCluster, startLocalCluster } from './local-cluster';

/**
 * `kessai cluster --api 3 --workers 1 [--port 8080]`: the production topology on this machine (deploy/), its data
 * under .data/cluster (kept between runs, like `pnpm start`'s), until Ctrl-C.
 */
export async function startClusterCommand(
  args: ParsedArgs,
  env: NodeJS.ProcessEnv = process.env,
): Promise<LocalCluster> {
  const api = count(args, 'api', 3, 1);
  const workers = count(args, 'workers', 1, 0);
  const port = count(args, 'port', 8080, 1);
  await requireClusterBinaries();
  const dataDir = join(defaultDataDir(env), 'cluster');
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  const url = `http://127.0.0.1:${port}`;
  const releaseLock = await claimDevLock(dataDir, url);
  const progress = (line: string) => process.stderr.write(`  ${line}\n`);
  try {
    const cluster = await startLocalCluster({
      api,
      workers,
      port,
      dataDir,
      ...(env.SMARTPAY_API_BASE ? { smartpayApiBase: env.SMARTPAY_API_BASE } : {}),
      sandboxStateFile: join(dataDir, 'sandbox.json'),
      encryptionKey: env.KESSAI_ENCRYPTION_KEY || (await devEncryptionKey(dataDir)),
      progress,
    });
    process.stdout.write(`${renderClusterBanner(cluster)}\n`);
    return {
      ...cluster,
      async stop() {
        await cluster.stop();
        await releaseLock();
      },
    };
  } catch (error) {
    await releaseLock();
    throw error;
  }
}

function count(args: ParsedArgs, name: string, fallback: number, min: number): number {
  const given = stringOption(args, name);
  const value = given === undefined ? fallback : Number(given);
  if (!Number.isInteger(value) || value < min || value > 65_535)
    throw new UserError(`--${name} must be a whole number of at least ${min}`);
  return value;
}
