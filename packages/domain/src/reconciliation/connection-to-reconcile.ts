import { PaymentServiceNotFoundError } from '../errors';
import { accountOf, type PaymentConnection } from '../transactions/use-cases/payment-connection';
import type { ReconciliationDependencies } from './reconciliation-dependencies';

/** The merchant's connection a run compares, or `PaymentServiceNotFoundError` (another merchant's is not found). */
export async function connectionToReconcile(
  deps: Pick<ReconciliationDependencies, 'paymentServices' | 'connectors'>,
  merchantAccountId: string,
  paymentServiceId: string,
): Promise<PaymentConnection> {
  const service = await deps.paymentServices.get(merchantAccountId, paymentServiceId);
  if (!service) throw new PaymentServiceNotFoundError(`payment service ${paymentServiceId} was not found`);
  return { service, connector: deps.connectors.get(service.connector), account: accountOf(service) };
}
