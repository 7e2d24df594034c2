import { CheckoutSessionNotFoundError, CheckoutSessionPaidError } from '../errors';
import type { Clock } from '../shared/clock';
import type { IdGenerator } from '../shared/id-generator';
import { type CheckoutSession, type CheckoutSessionFields, expiryAfter } from './checkout-session';
import type { CheckoutSessionRepository } from './checkout-session-repository';

export interface CheckoutSessionDependencies {
  checkoutSessions: CheckoutSessionRepository;
  clock: Clock;
  ids: IdGenerator;
}

/** Create, read, change and delete a merchant's checkout sessions (Gr4vy's `/checkout/sessions`). */
export class ManageCheckoutSessions {
  constructor(private readonly deps: CheckoutSessionDependencies) {}

  async create(
    merchantAccountId: string,
    fields: CheckoutSessionFields,
    expiresInSeconds?: number,
  ): Promise<CheckoutSession> {
    const now = this.deps.clock.now();
    const session: CheckoutSession = {
      ...fields,
      id: this.deps.ids.uuid(),
      merchantAccountId,
      expiresAt: expiryAfter(now, expiresInSeconds),
      transactionId: null,
      createdAt: now,
      updatedAt: now,
    };
    await this.deps.checkoutSessions.add(session);
    return session;
  }

  async get(merchantAccountId: string, id: string): Promise<CheckoutSession> {
    const session = await this.deps.checkoutSessions.get(merchantAccountId, id);
    if (!session) throw new CheckoutSessionNotFoundError(`checkout session ${id} was not found`);
    return session;
  }

  /** Gr4vy's update replaces the session's fields and restarts its lifetime; a paid session no longer changes. */
  async update(
    merchantAccountId: string,
    id: string,
    fields: CheckoutSessionFields,
    expiresInSeconds?: number,
  ): Promise<CheckoutSession> {
    const current = await this.get(merchantAccountId, id);
    if (current.transactionId)
      throw new CheckoutSessionPaidError(`checkout session ${id} was paid (transaction ${current.transactionId})`);
    const now = this.deps.clock.now();
    const changed: CheckoutSession = {
      ...current,
      ...fields,
      expiresAt: expiryAfter(now, expiresInSeconds),
      updatedAt: now,
    };
    if (!(await this.deps.checkoutSessions.update(changed)))
      throw new CheckoutSessionNotFoundError(`checkout session ${id} was not found`);
    return changed;
  }

  async remove(merchantAccountId: string, id: string): Promise<void> {
    if (!(await this.deps.checkoutSessions.remove(merchantAccountId, id)))
      throw new CheckoutSessionNotFoundError(`checkout session ${id} was not found`);
  }
}
