#!/usr/bin/env node
import { connectPostgres } from './connect';
import { resolveDatabase } from './embedded/embedded-postgres';
import { migrate, pendingMigrations, rollback } from './migrations/migrate';

/** `node dist/cli.js migrate|rollback|status` on DATABASE_URL, or on the embedded server under DATA_DIR. */
async function main(command: string | undefined): Promise<void> {
  if (command !== 'migrate' && command !== 'rollback' && command !== 'status') {
    console.error(
      'usage: cli.js migrate|rollback|status   (DATABASE_URL, or the embedded server under DATA_DIR=.data)',
    );
    process.exitCode = 2;
    return;
  }
  const database = await resolveDatabase(process.env, { dataDir: process.env.DATA_DIR ?? '.data' });
  const knex = connectPostgres(database.connectionString, { poolMax: 2 });
  try {
    if (command === 'migrate')
      console.log(`applied: ${(await migrate(knex)).join(', ') || 'nothing (already current)'}`);
    if (command === 'rollback') console.log(`rolled back: ${(await rollback(knex)).join(', ') || 'nothing'}`);
    if (command === 'status') console.log(`pending: ${(await pendingMigrations(knex)).join(', ') || 'none'}`);
  } finally {
    await knex.destroy();
    await database.stop();
  }
}

main(process.argv[2]).catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
