import type { DomainEvent, EventTargetRenderer, TransactionRepository } from '@kessai/domain';
import { presentRefund, presentTransaction } from '../api/presenters';

/**
 * A webhook's `target` is rendered by the very presenters the REST API uses, so it is exactly what
 * `GET /transactions/{id}` (or `GET /refunds/{id}` for `refund.*`) returns at the time of the fan-out.
 */
export class PresenterEventTargetRenderer implements EventTargetRenderer {
  constructor(private readonly transactions: TransactionRepository) {}

  async render(event: DomainEvent): Promise<Record<string, unknown> | undefined> {
    const transaction = await this.transactions.get(event.merchantAccountId, event.transactionId);
    if (!transaction) return undefined;
    const data = transaction.toData();
    if (!event.name.startsWith('refund.')) return presentTransaction(data);
    const refund = data.refunds.find((candidate) => candidate.id === event.subjectId);
    return refund && presentRefund(data, refund);
  }
}
