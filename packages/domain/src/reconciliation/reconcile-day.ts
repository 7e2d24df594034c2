import { type ConnectorOutcome, isOrderNotFound } from '../connectors/outcome';
import type { ProviderOrderPage } from '../connectors/provider-snapshot';
import { DomainError, ReconciliationRunNotFoundError } from '../errors';
import type { CreatedTransaction } from '../transactions/ports/transaction-repository';
import { UNMATCHED_GRACE_MS } from '../transactions/timing-policy';
import { totals } from '../transactions/totals';
import { providerOrderOf } from '../transactions/transaction-state';
import { retryOnConflict } from '../transactions/use-cases/conflict-retry';
import type { PaymentConnection } from '../transactions/use-cases/payment-connection';
import { compareOrder, type Finding } from './compare-order';
import { connectionToReconcile } from './connection-to-reconcile';
import { itemCounts } from './item-counts';
import { type JapanDay, japanDay } from './japan-day';
import type { ReconciliationDependencies } from './reconciliation-dependencies';
import { agreesNow, type ReconciliationItem } from './reconciliation-item';
import { type MoneySides, type ReconciliationRun, type RunSummary, runActor } from './reconciliation-run';
import { publishRunCompleted } from './run-completed-webhook';

export interface ReconcileOptions {
  /** A capture or refund younger than this that the provider does not show yet is in flight (default: sync's). */
  graceMs?: number;
  /** Transactions compared at once (each is one provider call). */
  concurrency?: number;
  pageSize?: number;
}

/** What one run counts while it streams: numbers only, never the day's transactions. */
interface Tally {
  transactions: number;
  providerOrders: number;
  providerCalls: number;
  kessai: MoneySides;
  provider: MoneySides;
}

interface Pass {
  run: ReconciliationRun;
  day: JapanDay;
  connection: PaymentConnection;
  tally: Tally;
  /** The keys this run found: as many as the day's differences, not its transactions. */
  found: Set<string>;
  /** Aborted when the worker stops: the walk stops between transactions, the run stays `running` for a retry. */
  stopping: AbortSignal | undefined;
}

/**
 * Runs one reconciliation: compares the connection's transactions of one Japan day with the provider's orders,
 * page by page. What the provider reports is applied through the transaction's own monotonic rules (the run is
 * the actor); what that settles is recorded as resolved, the rest stays open for a person. Then the provider's
 * orders are walked back from the newest to the day's first, to find those Kessai has no transaction for (the
 * provider's list has no date filter). Items are keyed by what they are about, so a second run records the same
 * ones; an open one it no longer finds is closed as agreeing now.
 */
export class ReconcileDay {
  private readonly graceMs: number;
  private readonly concurrency: number;
  private readonly pageSize: number;

  constructor(
    private readonly deps: ReconciliationDependencies,
    options: ReconcileOptions = {},
  ) {
    this.graceMs = options.graceMs ?? UNMATCHED_GRACE_MS;
    this.concurrency = options.concurrency ?? 8;
    this.pageSize = options.pageSize ?? 100;
  }

  /**
   * `stopping` (the worker stops) ends the walk between two transactions: the error is thrown and the run left
   * `running`, so the job's retry starts it again (items are keyed: nothing is recorded twice).
   */
  async execute(merchantAccountId: string, runId: string, stopping?: AbortSignal): Promise<ReconciliationRun> {
    const { deps } = this;
    const run = await deps.reconciliation.getRun(merchantAccountId, runId);
    if (!run) throw new ReconciliationRunNotFoundError(`reconciliation run ${runId} was not found`);
    if (run.status === 'completed' || run.status === 'failed') return run;
    const startedAt = deps.clock.now();
    const running: ReconciliationRun = { ...run, status: 'running', startedAt, updatedAt: startedAt };
    await deps.reconciliation.saveRun(running);
    let ended: ReconciliationRun;
    try {
      const summary = await this.compare(running, stopping);
      const at = deps.clock.now();
      ended = { ...running, status: 'completed', summary, completedAt: at, updatedAt: at };
    } catch (error) {
      if (stopping?.aborted) throw error;
      const at = deps.clock.now();
      const failureReason = error instanceof Error ? error.message : String(error);
      ended = { ...running, status: 'failed', failureReason, completedAt: at, updatedAt: at };
    }
    await deps.reconciliation.saveRun(ended);
    if (ended.status === 'completed') await publishRunCompleted(deps, ended);
    return ended;
  }

  private async compare(run: ReconciliationRun, stopping: AbortSignal | undefined): Promise<RunSummary> {
    const connection = await connectionToReconcile(this.deps, run.merchantAccountId, run.paymentServiceId);
    const tally: Tally = {
      transactions: 0,
      providerOrders: 0,
      providerCalls: 0,
      kessai: { captured: 0, refunded: 0 },
      provider: { captured: 0, refunded: 0 },
    };
    const pass: Pass = { run, day: japanDay(run.date), connection, tally, found: new Set(), stopping };
    await this.compareTransactions(pass);
    await this.walkProviderOrders(pass);
    await this.closeWhatAgrees(pass);
    return this.summarize(run, tally);
  }

  /** By creation, oldest first: a transaction another process changes meanwhile keeps its place in the walk. */
  private async compareTransactions(pass: Pass): Promise<void> {
    const { run, day } = pass;
    let after: CreatedTransaction | undefined;
    for (;;) {
      const page = await this.deps.transactions.listCreated(run.merchantAccountId, {
        paymentServiceId: run.paymentServiceId,
        from: day.start,
        to: day.end,
        limit: this.pageSize,
        after,
      });
      await inPool(page, this.concurrency, (created) => this.compareTransaction(pass, created.id));
      if (page.length < this.pageSize) return;
      after = page.at(-1);
    }
  }

  /** Compares one transaction, records what differs; `counted` adds it to the day's totals (the first time). */
  private async compareTransaction(pass: Pass, transactionId: string, counted = true): Promise<void> {
    const { deps } = this;
    const { run, connection, tally } = pass;
    pass.stopping?.throwIfAborted();
    const transaction = await deps.transactions.get(run.merchantAccountId, transactionId);
    const order = transaction && providerOrderOf(transaction.state);
    if (!transaction || !order) return;
    tally.providerCalls++;
    const outcome = await connection.connector.fetchStatus(connection.account, order.orderId);
    if (isOrderNotFound(outcome)) {
      // Nothing at the provider to apply: the transaction stays as it is, for a person to look at.
      const missing: Finding = {
        kind: 'missing_order',
        key: `missing_order:${order.orderId}`,
        kessaiAmount: transaction.state.details.amount,
        providerAmount: null,
        detail: 'the provider has no such order',
      };
      await this.record(pass, missing, false, { transactionId, providerOrderId: order.orderId });
      if (counted) this.count(tally, totals(transaction.state), { captured: 0, refunded: 0 });
      return;
    }
    const snapshot = orThrow(outcome, order.orderId);
    const now = deps.clock.now();
    const found = compareOrder(transaction.state, snapshot, now, this.graceMs);
    let state = transaction.state;
    if (found.some((finding) => finding.kind !== 'in_flight')) {
      try {
        const applied = await retryOnConflict(() =>
          deps.transactions.update(run.merchantAccountId, transactionId, (tx) =>
            tx.changedBy('sync', runActor(run)).applyProviderSnapshot(snapshot, now),
          ),
        );
        state = applied.transaction.state;
      } catch (error) {
        // A report the transaction's rules refuse (it would invent money) settles nothing: it stays for a person.
        if (!(error instanceof DomainError)) throw error;
      }
    }
    const left = new Set(compareOrder(state, snapshot, now, this.graceMs).map((finding) => finding.key));
    for (const finding of found) {
      const settled = finding.kind !== 'in_flight' && !left.has(finding.key);
      await this.record(pass, finding, settled, { transactionId, providerOrderId: order.orderId });
    }
    if (!counted) return;
    this.count(tally, totals(state), {
      captured: snapshot.payments.reduce((sum, payment) => sum + payment.amount, 0),
      refunded: snapshot.refunds
        .filter((refund) => refund.status === 'succeeded')
        .reduce((sum, refund) => sum + refund.amount, 0),
    });
  }

  /** Adds one transaction's money on both sides to the day's totals. */
  private count(tally: Tally, kessai: MoneySides, provider: MoneySides): void {
    tally.transactions++;
    tally.kessai.captured += kessai.captured;
    tally.kessai.refunded += kessai.refunded;
    tally.provider.captured += provider.captured;
    tally.provider.refunded += provider.refunded;
  }

  private async walkProviderOrders(pass: Pass): Promise<void> {
    const { run, day, connection, tally } = pass;
    let pageToken: string | null = null;
    for (;;) {
      pass.stopping?.throwIfAborted();
      tally.providerCalls++;
      const page: ProviderOrderPage = orThrow(
        await connection.connector.listOrders(connection.account, { pageToken, limit: this.pageSize }),
        'the order list',
      );
      for (const order of page.orders) {
        if (order.createdAt.getTime() >= day.end.getTime()) continue;
        if (order.createdAt.getTime() < day.start.getTime()) return;
        tally.providerOrders++;
        const known = await this.deps.transactions.findByProviderOrderId(run.paymentServiceId, order.providerOrderId);
        if (known) continue;
        const finding: Finding = {
          kind: 'unknown_order',
          key: `unknown_order:${order.providerOrderId}`,
          kessaiAmount: null,
          providerAmount: order.amount,
          detail: `an order (${order.rawStatus}) Kessai has no transaction for`,
        };
        await this.record(pass, finding, false, { transactionId: null, providerOrderId: order.providerOrderId });
      }
      if (!page.nextPageToken) return;
      pageToken = page.nextPageToken;
    }
  }

  /**
   * Open items of the day that this run did not find again agree now (a late webhook, money no longer in flight).
   * A transaction is compared once more before its item closes: it may have changed since the walk passed it.
   */
  private async closeWhatAgrees(pass: Pass): Promise<void> {
    const { run } = pass;
    let cursor: string | undefined;
    do {
      const page = await this.deps.reconciliation.listItems(run, { status: 'open', limit: this.pageSize, cursor });
      for (const item of page.items) {
        if (pass.found.has(item.key)) continue;
        if (item.transactionId) await this.compareTransaction(pass, item.transactionId, false);
        if (pass.found.has(item.key)) continue;
        const now = this.deps.clock.now();
        await this.deps.reconciliation.updateItem(run.merchantAccountId, item.id, (stored) => agreesNow(stored, now));
      }
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
  }

  private async record(
    pass: Pass,
    finding: Finding,
    settled: boolean,
    about: { transactionId: string | null; providerOrderId: string },
  ): Promise<ReconciliationItem> {
    const { run } = pass;
    pass.found.add(finding.key);
    const now = this.deps.clock.now();
    return this.deps.reconciliation.recordItem({
      id: this.deps.ids.derive('kessai.reconciliation-item', `${run.paymentServiceId}:${run.date}:${finding.key}`),
      merchantAccountId: run.merchantAccountId,
      paymentServiceId: run.paymentServiceId,
      date: run.date,
      key: finding.key,
      kind: finding.kind,
      status: settled ? 'resolved' : 'open',
      runId: run.id,
      transactionId: about.transactionId,
      providerOrderId: about.providerOrderId,
      kessaiAmount: finding.kessaiAmount,
      providerAmount: finding.providerAmount,
      detail: finding.detail,
      resolution: settled ? 'settled_by_sync' : null,
      acknowledgement: null,
      createdAt: now,
      updatedAt: now,
    });
  }

  private async summarize(run: ReconciliationRun, tally: Tally): Promise<RunSummary> {
    return { ...tally, ...itemCounts(await this.deps.reconciliation.tally(run)) };
  }
}

function orThrow<T>(outcome: ConnectorOutcome<T>, what: string): T {
  if (outcome.kind === 'succeeded') return outcome.value;
  // Without the provider's word (credentials refused, unreachable) nothing can be compared: the run fails and can
  // be started again.
  const reason = outcome.kind === 'unknown' ? outcome.reason : `${outcome.code}: ${outcome.message}`;
  throw new Error(`the provider could not be read for ${what} (${reason})`);
}

/** Runs `work` over `items`, at most `limit` at a time. */
async function inPool<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++] as T;
      await work(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
