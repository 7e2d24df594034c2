export { createTestDatabase, type TestDatabase, testServerUrl, useTestDatabase } from './test-database';
