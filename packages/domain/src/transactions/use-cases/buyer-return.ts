import type { Clock } from '../../shared/clock';
import { BUYER_RETURN_SYNC_INTERVAL_MS } from '../timing-policy';
import type { Transaction } from '../transaction';
import type { TransactionQueries } from './queries';
import type { SyncTransaction } from './sync-transaction';

/** Transactions whose last ask is remembered; beyond this, asks older than the interval are forgotten. */
const REMEMBERED = 10_000;

export interface BuyerReturnResult {
  transaction: Transaction;
  /** Why the provider could not be asked; the stored status is then the truth there is. */
  syncError?: unknown;
}

/**
 * The status a returning buyer is redirected with. While the approval still looks pending (the provider's webhook
 * may not have arrived yet) the provider is asked, but the route is anonymous, so the asks are bounded per
 * process: one in flight per transaction (others wait for it), and none again within the interval after it.
 */
export class BuyerReturn {
  private readonly inFlight = new Map<string, Promise<BuyerReturnResult>>();
  private readonly lastAsked = new Map<string, number>();

  constructor(
    private readonly queries: Pick<TransactionQueries, 'get'>,
    private readonly sync: Pick<SyncTransaction, 'execute'>,
    private readonly clock: Clock,
    private readonly intervalMs = BUYER_RETURN_SYNC_INTERVAL_MS,
  ) {}

  async execute(merchantAccountId: string, transactionId: string): Promise<BuyerReturnResult> {
    const transaction = await this.queries.get(merchantAccountId, transactionId);
    if (transaction.status !== 'buyer_approval_pending') return { transaction };
    const key = `${merchantAccountId}:${transactionId}`;
    const running = this.inFlight.get(key);
    if (running) return running;
    const now = this.clock.now().getTime();
    if (now - (this.lastAsked.get(key) ?? Number.NEGATIVE_INFINITY) < this.intervalMs) return { transaction };
    this.remember(key, now);
    const asking = this.sync.execute({ merchantAccountId, transactionId, source: 'sync' }).then(
      (synced): BuyerReturnResult => ({ transaction: synced.transaction }),
      (syncError: unknown): BuyerReturnResult => ({ transaction, syncError }),
    );
    this.inFlight.set(key, asking);
    try {
      return await asking;
    } finally {
      this.inFlight.delete(key);
    }
  }

  private remember(key: string, now: number): void {
    if (this.lastAsked.size >= REMEMBERED)
      for (const [known, at] of this.lastAsked) if (now - at >= this.intervalMs) this.lastAsked.delete(known);
    // Still full (a flood of distinct ids): the oldest goes, so memory stays bounded.
    if (this.lastAsked.size >= REMEMBERED) this.lastAsked.delete(this.lastAsked.keys().next().value ?? '');
    this.lastAsked.delete(key);
    this.lastAsked.set(key, now);
  }
}
