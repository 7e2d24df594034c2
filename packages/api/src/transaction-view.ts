import type { PaymentService, PaymentServiceRepository, TransactionSummary } from '@kessai/domain';
import { presentTransaction } from './presenters';
import type { TransactionJson } from './schemas/transaction';

/**
 * A transaction as the API shows it, with its connection's current display name (Gr4vy's `payment_service`).
 * `known`: the connection the use case just read, so it is not read again.
 */
export async function transactionView(
  paymentServices: Pick<PaymentServiceRepository, 'findById'>,
  data: TransactionSummary,
  known?: PaymentService,
): Promise<TransactionJson> {
  const service = known?.id === data.paymentServiceId ? known : await paymentServices.findById(data.paymentServiceId);
  // A connection is never removed (delete only marks it), so the name is always found.
  return presentTransaction(data, service?.displayName ?? data.connector);
}

/** The view when the use case's connection is the transaction's, without a read; else undefined. */
export function knownView(data: TransactionSummary, known: PaymentService | undefined): TransactionJson | undefined {
  return known?.id === data.paymentServiceId ? presentTransaction(data, known.displayName) : undefined;
}

export async function transactionViews(
  paymentServices: Pick<PaymentServiceRepository, 'findById'>,
  items: readonly TransactionSummary[],
): Promise<TransactionJson[]> {
  const names = new Map<string, string | undefined>();
  for (const id of new Set(items.map((item) => item.paymentServiceId))) {
    names.set(id, (await paymentServices.findById(id))?.displayName);
  }
  return items.map((item) => presentTransaction(item, names.get(item.paymentServiceId) ?? item.connector));
}
