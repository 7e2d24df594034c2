import { type ConnectorOutcome, failed } from '../connector/outcome';
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
  return paymentContextOf(deps, transaction);
}

/** The context of a transaction the caller has just loaded. */
export async function paymentContextOf(deps: PaymentDependencies, transaction: Transaction): Promise<PaymentContext> {
  const data = transaction.toData();
  const service = await deps.paymentServices.get(data.merchantAccountId, data.paymentServiceId);
  if (!service) throw new PaymentServiceNotFoundError(`payment service ${data.paymentServiceId} was not found`);
  return { transaction, data, service, connector: deps.connectors.get(service.connector), account: accountOf(service) };
}

/**
 * The connector that decides for a transaction, from the aggregate alone: the reservation needs its capabilities
 * and runs inside the unit of work, where nothing may be awaited (and a read before it would cost a round trip).
 */
export function connectorOf(deps: PaymentDependencies, transaction: Transaction): PaymentConnector {
  return deps.connectors.get(transaction.connector);
}

/** The connection a reserved transaction is charged through, with its credentials. */
export async function connectionOf(
  deps: PaymentDependencies,
  data: TransactionData,
): Promise<{ service: PaymentService; connector: PaymentConnector; account: ConnectorAccount }> {
  const service = await deps.paymentServices.get(data.merchantAccountId, data.paymentServiceId);
  if (!service) throw new PaymentServiceNotFoundError(`payment service ${data.paymentServiceId} was not found`);
  return { service, connector: deps.connectors.get(service.connector), account: accountOf(service) };
}

/**
 * After a reservation whose connection cannot be found (Kessai never deletes one, so only data written around it
 * gets here): the reserved money is released with a failed outcome, so it never stays pending, and the lookup
 * error is thrown.
 */
export async function connectionOrRelease<T>(
  deps: PaymentDependencies,
  data: TransactionData,
  release: (outcome: ConnectorOutcome<T>) => Promise<unknown>,
): Promise<{ service: PaymentService; connector: PaymentConnector; account: ConnectorAccount }> {
  try {
    return await connectionOf(deps, data);
  } catch (error) {
    if (error instanceof PaymentServiceNotFoundError) await release(failed('payment_service_not_found', error.message));
    throw error;
  }
}
