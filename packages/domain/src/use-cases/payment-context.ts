import type { ConnectorAccount, PaymentConnector } from '../connector/payment-connector';
import { PaymentServiceNotFoundError, TransactionNotFoundError } from '../errors';
import type { PaymentService } from '../payment-service/payment-service';
import type { Transaction } from '../transaction/transaction';
import type { TransactionData } from '../transaction/transaction-data';
import { accountOf } from './connector-registry';
import type { PaymentDependencies } from './dependencies';

export interface PaymentContext {
  transaction: Transaction;
  data: TransactionData;
  service: PaymentService;
  connector: PaymentConnector;
  account: ConnectorAccount;
}

/** Loads a merchant's transaction with the connection and connector it was made through. */
export async function loadPaymentContext(
  deps: PaymentDependencies,
  merchantAccountId: string,
  transactionId: string,
): Promise<PaymentContext> {
  const transaction = await deps.transactions.get(merchantAccountId, transactionId);
  if (!transaction) throw new TransactionNotFoundError(`transaction ${transactionId} was not found`);
  const data = transaction.toData();
  const service = await deps.paymentServices.get(merchantAccountId, data.paymentServiceId);
  if (!service) throw new PaymentServiceNotFoundError(`payment service ${data.paymentServiceId} was not found`);
  return { transaction, data, service, connector: deps.connectors.get(service.connector), account: accountOf(service) };
}
