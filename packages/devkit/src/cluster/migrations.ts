import { UserError } from '@kessai/server';
import { KESSAI_CLI } from './kessai-process';
import { spawnSupervised } from './supervised-process';

/** `kessai migrate` on the direct URL, as a deployment runs it before the new processes start. */
export async function runMigrations(directUrl: string, encryptionKey: string, logFile: string): Promise<void> {
  const migrate = spawnSupervised(process.execPath, [KESSAI_CLI, 'migrate'], {
    logFile,
    env: {
      ...process.env,
      STORAGE: 'postgres',
      DATABASE_URL: directUrl,
      DATABASE_DIRECT_URL: directUrl,
      KESSAI_ENCRYPTION_KEY: encryptionKey,
    },
  });
  const code = await migrate.exited;
  if (code !== 0) throw new UserError(`kessai migrate failed (exit ${code}); see ${logFile}`);
}
