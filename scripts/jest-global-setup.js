// One PostgreSQL for the whole `pnpm test` run (issue 5: "started once per test run, not per test"): DATABASE_URL
// when set, else the embedded server under .data/pg-test. Workers inherit KESSAI_TEST_DATABASE_URL and each test
// file makes its own database on it (createTestDatabase), so files stay isolated.
const { join } = require('node:path');

module.exports = async () => {
  if (process.env.DATABASE_URL) {
    process.env.KESSAI_TEST_DATABASE_URL = process.env.DATABASE_URL;
    return;
  }
  const { startEmbeddedPostgres } = require('../packages/adapters-postgres/dist/embedded/embedded-postgres.js');
  const server = await startEmbeddedPostgres({ dataDir: join(__dirname, '..', '.data', 'pg-test') });
  process.env.KESSAI_TEST_DATABASE_URL = server.connectionString;
  globalThis.__kessaiTestPostgres = server;
};
