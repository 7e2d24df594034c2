import { presentRefund, transactionView } from '@kessai/api';
import {
  type DomainEvent,
  type EventTargetRenderer,
  type PaymentServiceRepository,
  summaryOf,
  type TransactionRepository,
} from '@kessai/domain';

/**
 * A webhook's `target` is rendered by the very presenters the REST API uses, so it is exactly what
 * `GET /transactions/{id}` (or `GET /refunds/{id}` for `refund.*`) returns at the time of the fan-out.
 */
export class PresenterEventTargetRenderer implements EventTargetRenderer {
  constructor(
    private readonly transactions: TransactionRepository,
    private readonly paymentServices: Pick<PaymentServiceRepository, 'findById'>,
  ) {}

  async render(event: DomainEvent): Promise<Record<string, unknown> | undefined> {
    const data = await this.transactions.find(event.merchantAccountId, event.transactionId);
    if (!data) return undefined;
    if (!event.name.startsWith('refund.')) return transactionView(this.paymentServices, summaryOf(data));
    const refund = data.refunds.find((candidate) => candidate.id === event.subjectId);
    return refund && presentRefund(data, refund);
  }
}
