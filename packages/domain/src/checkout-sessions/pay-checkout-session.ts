import { CheckoutSessionExpiredError, CheckoutSessionNotFoundError, TransactionNotFoundError } from '../errors';
import type { Clock } from '../shared/clock';
import type { IdGenerator } from '../shared/id-generator';
import type { Transaction } from '../transactions/transaction';
import type { CreateTransaction, CreateTransactionCommand } from '../transactions/use-cases/create-transaction';
import type { TransactionQueries } from '../transactions/use-cases/queries';
import { type CheckoutSession, isExpired } from './checkout-session';
import type { CheckoutSessionRepository } from './checkout-session-repository';

export interface PayCheckoutSessionDependencies {
  checkoutSessions: CheckoutSessionRepository;
  createTransaction: CreateTransaction;
  queries: TransactionQueries;
  clock: Clock;
  ids: IdGenerator;
  /** How long a second request waits for the first one's transaction to be stored (it is, before the provider call). */
  waitForWinnerMs?: number;
}

/**
 * The one transaction a checkout session is paid with. The session is claimed for a new id before anything is
 * created, so a double click, a retry or a second tab gets the first transaction back, never a second one.
 */
export class PayCheckoutSession {
  constructor(private readonly deps: PayCheckoutSessionDependencies) {}

  /** `build` turns the session into the create command: it runs only when this request is the one that creates. */
  async execute(
    merchantAccountId: string,
    checkoutSessionId: string,
    build: (session: CheckoutSession) => Promise<CreateTransactionCommand>,
  ): Promise<{ transaction: Transaction; created: boolean }> {
    const { deps } = this;
    const session = await this.session(merchantAccountId, checkoutSessionId);
    if (session.transactionId) return this.existing(merchantAccountId, session.transactionId);
    if (isExpired(session, deps.clock.now()))
      throw new CheckoutSessionExpiredError(
        `checkout session ${checkoutSessionId} has expired`,
        '/checkout_session_id',
      );
    const id = deps.ids.uuid();
    const holder = await deps.checkoutSessions.claimTransaction(merchantAccountId, checkoutSessionId, id);
    if (holder === undefined) throw notFound(checkoutSessionId);
    if (holder !== id) return this.existing(merchantAccountId, holder);
    try {
      const command = await build(session);
      return { transaction: await deps.createTransaction.execute({ ...command, id }), created: true };
    } catch (error) {
      // Refused before it was stored (a rule, no connection): the session stays payable.
      if (!(await this.stored(merchantAccountId, id)))
        await deps.checkoutSessions.releaseTransaction(merchantAccountId, checkoutSessionId, id);
      throw error;
    }
  }

  private async session(merchantAccountId: string, id: string): Promise<CheckoutSession> {
    const session = await this.deps.checkoutSessions.get(merchantAccountId, id);
    if (!session) throw notFound(id);
    return session;
  }

  private async stored(merchantAccountId: string, id: string): Promise<boolean> {
    return this.deps.queries.get(merchantAccountId, id).then(
      () => true,
      (error: unknown) => {
        if (error instanceof TransactionNotFoundError) return false;
        throw error;
      },
    );
  }

  /** The winner stores its transaction before calling the provider: a loser waits that long at most. */
  private async existing(merchantAccountId: string, id: string): Promise<{ transaction: Transaction; created: false }> {
    const until = Date.now() + (this.deps.waitForWinnerMs ?? 5_000);
    for (;;) {
      try {
        return { transaction: await this.deps.queries.get(merchantAccountId, id), created: false };
      } catch (error) {
        if (!(error instanceof TransactionNotFoundError) || Date.now() > until) throw error;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    }
  }
}

const notFound = (id: string) =>
  new CheckoutSessionNotFoundError(`checkout session ${id} was not found`, '/checkout_session_id');
