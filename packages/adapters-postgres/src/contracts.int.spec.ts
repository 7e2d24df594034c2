import { randomUUID } from 'node:crypto';
import {
  describeIdempotencyStoreContract,
  describeOutboxContract,
  describePaymentServiceRepositoryContract,
  describeTransactionRepositoryContract,
  describeWebhookInboxContract,
} from '@kessai/domain/testing';
import { CredentialCipher } from './repositories/credential-cipher';
import { KnexIdempotencyStore } from './repositories/knex-idempotency-store';
import { KnexOutbox } from './repositories/knex-outbox';
import { KnexPaymentServiceRepository } from './repositories/knex-payment-service-repository';
import { KnexTransactionRepository } from './repositories/knex-transaction-repository';
import { KnexWebhookInbox } from './repositories/knex-webhook-inbox';
import { createTestDatabase, type TestDatabase } from './testing/test-database';

// The same contract suites the in-memory adapters pass, against a real PostgreSQL (one database for this file).
let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
}, 60_000);
afterAll(async () => {
  await db?.drop();
});

describeTransactionRepositoryContract('KnexTransactionRepository', async () => ({
  repository: new KnexTransactionRepository(db.knex),
  outbox: new KnexOutbox(db.knex),
}));
describeOutboxContract('KnexOutbox', async () => ({
  outbox: new KnexOutbox(db.knex),
  repository: new KnexTransactionRepository(db.knex),
}));
describeIdempotencyStoreContract('KnexIdempotencyStore', async () => ({ store: new KnexIdempotencyStore(db.knex) }));
describeWebhookInboxContract('KnexWebhookInbox', async () => ({
  inbox: new KnexWebhookInbox(db.knex),
  paymentServiceId: randomUUID(),
  merchantAccountId: 'default',
}));
describePaymentServiceRepositoryContract('KnexPaymentServiceRepository', async () => ({
  repository: new KnexPaymentServiceRepository(db.knex, new CredentialCipher('k1', { k1: Buffer.alloc(32, 7) })),
}));
