import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase } from '@kessai/adapters-postgres/testing';
import { type DevStack, startDev } from '../dev/dev';
import { freePort } from './free-port';

/** `startDev` in this process on the test run's PostgreSQL, the sandbox in memory on a free port, quiet. */
export interface DevKessai {
  dev: DevStack;
  databaseUrl: string;
  close(): Promise<void>;
}

export async function startDevKessai(): Promise<DevKessai> {
  const db = await createTestDatabase({ migrated: false });
  const dataDir = await mkdtemp(join(tmpdir(), 'kessai-dev-'));
  const dev = await startDev({
    env: {
      PORT: String(await freePort()),
      SANDBOX_PORT: '0',
      SHOP_PORT: '0',
      SANDBOX_STATE_FILE: 'memory',
      DATA_DIR: dataDir,
      DATABASE_URL: db.connectionString,
      LOG_LEVEL: 'silent',
    },
    print: () => undefined,
    progress: () => undefined,
  });
  return {
    dev,
    databaseUrl: db.connectionString,
    async close() {
      await dev.stop();
      await db.drop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
