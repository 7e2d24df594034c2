import type { Container } from 'inversify';
import type { OutboxKick } from '../jobs/outbox-kick';
import { OutboxKickingTransactionRepository } from '../jobs/outbox-kicking-transaction-repository';
import { CachedPaymentServiceRepository } from '../storage/cached-payment-service-repository';
import type { StorageModule } from '../storage/storage-module';
import { TOKENS } from './tokens';

/** The storage ports, from the chosen storage; transaction writes kick the outbox dispatcher. */
export function bindStorage(container: Container, storage: StorageModule): void {
  container
    .bind(TOKENS.Transactions)
    .toResolvedValue(
      (kick: OutboxKick) => new OutboxKickingTransactionRepository(storage.transactions, kick),
      [TOKENS.OutboxKick],
    );
  container.bind(TOKENS.Outbox).toConstantValue(storage.outbox);
  container.bind(TOKENS.Idempotency).toConstantValue(storage.idempotency);
  container.bind(TOKENS.Inbox).toConstantValue(storage.inbox);
  container.bind(TOKENS.PaymentServices).toConstantValue(new CachedPaymentServiceRepository(storage.paymentServices));
  container.bind(TOKENS.ApiKeys).toConstantValue(storage.apiKeys);
}
