import type { PaymentService } from '../../connections/payment-service';
import type { ConnectorAccount, PaymentConnector } from '../../connectors/payment-connector';
import { PaymentServiceNotFoundError, TransactionNotFoundError } from '../../errors';
import type { Transaction } from '../transaction';
import type { PaymentDependencies } from './payment-dependencies';

/** Which connection a transaction is charged through: its payment service, connector and credentials. */
export interface PaymentConnection {
  service: PaymentService;
  connector: PaymentConnector;
  account: ConnectorAccount;
}

export function accountOf(service: PaymentService): ConnectorAccount {
  return { paymentServiceId: service.id, credentials: service.credentials };
}

/** The one lookup of a transaction's connection: its payment service is read once, the connector named by it. */
export async function connectionOf(
  deps: Pick<PaymentDependencies, 'paymentServices' | 'connectors'>,
  transaction: { merchantAccountId: string; paymentServiceId: string },
): Promise<PaymentConnection> {
  const service = await deps.paymentServices.get(transaction.merchantAccountId, transaction.paymentServiceId);
  if (!service) throw new PaymentServiceNotFoundError(`payment service ${transaction.paymentServiceId} was not found`);
  return { service, connector: deps.connectors.get(service.connector), account: accountOf(service) };
}

/** A merchant's transaction, or `TransactionNotFoundError` (another merchant's is not found either). */
export async function transactionOf(
  deps: Pick<PaymentDependencies, 'transactions'>,
  merchantAccountId: string,
  transactionId: string,
): Promise<Transaction> {
  const transaction = await deps.transactions.get(merchantAccountId, transactionId);
  if (!transaction) throw new TransactionNotFoundError(`transaction ${transactionId} was not found`);
  return transaction;
}
