import { isClaimHeld } from '../../connectors/provider-claim';
import type { InboxMessage } from '../ports/webhook-inbox';
import type { Transaction } from '../transaction';
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
    // Taken before the read: every event about the order received up to it is waiting now, or already processed.
    const receivedUpTo = deps.clock.now();
    const [message, ...others] = await deps.inbox.waitingWith(inboxId, receivedUpTo, MAX_HELD_AT_ONCE);
    if (!message) return 'ignored';
    if (message.processedAt) return 'already_processed';
    try {
      const transaction = message.providerOrderId
        ? await deps.transactions.findByProviderOrderId(message.paymentServiceId, message.providerOrderId)
        : undefined;
      if (!transaction || !message.providerOrderId) {
        await deps.inbox.markProcessed([inboxId], deps.clock.now());
        return 'ignored';
      }
      // This sync reads the provider's state after every event received so far about the order: they are answered,
      // marked with the sync's write when it writes (one commit, not two), else alone.
      const answered = {
        id: inboxId,
        paymentServiceId: message.paymentServiceId,
        providerOrderId: message.providerOrderId,
        receivedUpTo,
      };
      if (await this.markHeld([message, ...others], transaction)) return 'processed';
      let marked = false;
      await new SyncTransaction(deps).execute({
        merchantAccountId: transaction.merchantAccountId,
        transactionId: transaction.id,
        source: 'webhook',
        loaded: transaction,
        webhooks: {
          of: () => ({ ...answered, now: deps.clock.now() }),
          marked: () => {
            marked = true;
          },
        },
      });
      if (!marked) {
        const { id, paymentServiceId, providerOrderId, receivedUpTo } = answered;
        await deps.inbox.markProcessedFor(id, paymentServiceId, providerOrderId, receivedUpTo, deps.clock.now());
      }
      return 'processed';
    } catch (error) {
      await deps.inbox.markFailed(inboxId, error instanceof Error ? error.message : String(error), deps.clock.now());
      throw error;
    }
  }

  /**
   * When every event waiting about the order states a fact the transaction already holds (the capture Kessai
   * made and recorded, the authorization a sync already applied), reading the provider would change nothing: they
   * are marked processed by id, those checked and no others (one received meanwhile waits for its own run).
   */
  private async markHeld(waiting: InboxMessage[], transaction: Transaction): Promise<boolean> {
    const { deps } = this;
    const connector = deps.connectors.get(transaction.connector);
    if (!connector.claimOf || waiting.length > MAX_HELD_AT_ONCE) return false;
    const held = waiting.every((each) =>
      isClaimHeld(connector.claimOf?.(each.eventType, each.rawBody), transaction.state),
    );
    if (!held) return false;
    await deps.inbox.markProcessed(
      waiting.map((each) => each.id),
      deps.clock.now(),
    );
    return true;
  }
}

/** Past this many events waiting about one order, one provider read answers them sooner than marking each. */
const MAX_HELD_AT_ONCE = 10;
