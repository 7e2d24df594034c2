import type { PaymentDependencies } from './payment-dependencies';
import { SyncTransaction } from './sync-transaction';

/**
 * Step two: treat the stored event as a hint and reconcile the transaction from the provider (events arrive out
 * of order and may repeat; the provider's current state does not).
 */
export class ProcessConnectorWebhook {
  constructor(private readonly deps: PaymentDependencies) {}

  async execute(inboxId: string): Promise<'processed' | 'ignored' | 'already_processed'> {
    const { deps } = this;
    const message = await deps.inbox.get(inboxId);
    if (!message) return 'ignored';
    if (message.processedAt) return 'already_processed';
    try {
      const transaction = message.providerOrderId
        ? await deps.transactions.findByProviderOrderId(message.paymentServiceId, message.providerOrderId)
        : undefined;
      if (!transaction || !message.providerOrderId) {
        await deps.inbox.markProcessed(inboxId, deps.clock.now());
        return 'ignored';
      }
      const syncStarted = deps.clock.now();
      await new SyncTransaction(deps).execute({
        merchantAccountId: transaction.merchantAccountId,
        transactionId: transaction.id,
        source: 'webhook',
        loaded: transaction,
      });
      // This sync read the provider's state after every event received so far about the order: they are answered.
      await deps.inbox.markProcessedFor(
        inboxId,
        message.paymentServiceId,
        message.providerOrderId,
        syncStarted,
        deps.clock.now(),
      );
      return 'processed';
    } catch (error) {
      await deps.inbox.markFailed(inboxId, error instanceof Error ? error.message : String(error), deps.clock.now());
      throw error;
    }
  }
}
