export { InMemoryIdempotencyStore } from './in-memory-idempotency-store';
export { InMemoryJobScheduler } from './in-memory-job-scheduler';
export { InMemoryOutbox } from './in-memory-outbox';
export { InMemoryPaymentServiceRepository } from './in-memory-payment-service-repository';
export { InMemoryTransactionRepository } from './in-memory-transaction-repository';
export { InMemoryWebhookInbox } from './in-memory-webhook-inbox';
export { KeyedMutex } from './keyed-mutex';
