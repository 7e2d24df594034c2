import type { CheckoutSession } from '../checkout-sessions/checkout-session';
import type { CheckoutSessionRepository } from '../checkout-sessions/checkout-session-repository';

export class InMemoryCheckoutSessionRepository implements CheckoutSessionRepository {
  private readonly rows = new Map<string, CheckoutSession>();

  async add(session: CheckoutSession): Promise<void> {
    this.rows.set(session.id, structuredClone(session));
  }

  async get(merchantAccountId: string, id: string): Promise<CheckoutSession | undefined> {
    const row = this.own(merchantAccountId, id);
    return row && structuredClone(row);
  }

  async update(session: CheckoutSession): Promise<boolean> {
    const row = this.own(session.merchantAccountId, session.id);
    if (!row) return false;
    this.rows.set(session.id, { ...structuredClone(session), transactionId: row.transactionId });
    return true;
  }

  async remove(merchantAccountId: string, id: string): Promise<boolean> {
    return this.own(merchantAccountId, id) ? this.rows.delete(id) : false;
  }

  async claimTransaction(merchantAccountId: string, id: string, transactionId: string): Promise<string | undefined> {
    const row = this.own(merchantAccountId, id);
    if (!row) return undefined;
    row.transactionId ??= transactionId;
    return row.transactionId;
  }

  async releaseTransaction(merchantAccountId: string, id: string, transactionId: string): Promise<void> {
    const row = this.own(merchantAccountId, id);
    if (row?.transactionId === transactionId) row.transactionId = null;
  }

  async prune(before: Date, limit: number): Promise<number> {
    const expired = [...this.rows.values()]
      .filter((row) => row.expiresAt.getTime() < before.getTime())
      .sort((a, b) => a.expiresAt.getTime() - b.expiresAt.getTime())
      .slice(0, limit);
    for (const row of expired) this.rows.delete(row.id);
    return expired.length;
  }

  private own(merchantAccountId: string, id: string): CheckoutSession | undefined {
    const row = this.rows.get(id);
    return row?.merchantAccountId === merchantAccountId ? row : undefined;
  }
}
