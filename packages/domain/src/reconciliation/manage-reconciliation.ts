import { InvalidFieldError, ReconciliationItemNotFoundError, ReconciliationRunNotFoundError } from '../errors';
import type { Actor } from '../transactions/actor';
import type { Page } from '../transactions/ports/transaction-repository';
import { connectionToReconcile } from './connection-to-reconcile';
import { japanDay } from './japan-day';
import type { ItemListQuery, RunListQuery } from './ports/reconciliation-store';
import type { ReconciliationDependencies } from './reconciliation-dependencies';
import { acknowledge, type ReconciliationItem } from './reconciliation-item';
import type { ReconciliationRun } from './reconciliation-run';

export interface StartRunCommand {
  merchantAccountId: string;
  paymentServiceId: string;
  date: string;
  trigger: ReconciliationRun['trigger'];
  actor: Actor | null;
  /** Given by the daily schedule, so that every process starts the same run once. */
  runId?: string;
}

/** Starting runs (the work is a `reconcile` job), reading them and their items, acknowledging what stays open. */
export class ManageReconciliation {
  constructor(private readonly deps: ReconciliationDependencies) {}

  /** A pending run, its job queued. A day that has not begun yet has nothing to compare. */
  async start(command: StartRunCommand): Promise<ReconciliationRun> {
    const { deps } = this;
    const day = japanDay(command.date);
    const now = deps.clock.now();
    if (day.start.getTime() > now.getTime())
      throw new InvalidFieldError(`date ${command.date} has not begun in Japan yet`, '/date');
    await connectionToReconcile(deps, command.merchantAccountId, command.paymentServiceId);
    const run: ReconciliationRun = {
      id: command.runId ?? deps.ids.uuid(),
      merchantAccountId: command.merchantAccountId,
      paymentServiceId: command.paymentServiceId,
      date: day.date,
      status: 'pending',
      trigger: command.trigger,
      requestedBy: command.actor,
      summary: null,
      failureReason: null,
      createdAt: now,
      startedAt: null,
      completedAt: null,
      updatedAt: now,
    };
    await deps.reconciliation.addRun(run);
    await deps.jobs.schedule({
      name: 'reconcile',
      payload: { merchantAccountId: run.merchantAccountId, runId: run.id },
      runAt: now,
      key: `reconcile:${run.id}`,
    });
    return run;
  }

  async run(merchantAccountId: string, id: string): Promise<ReconciliationRun> {
    const run = await this.deps.reconciliation.getRun(merchantAccountId, id);
    if (!run) throw new ReconciliationRunNotFoundError(`reconciliation run ${id} was not found`);
    return run;
  }

  runs(merchantAccountId: string, query: RunListQuery): Promise<Page<ReconciliationRun>> {
    return this.deps.reconciliation.listRuns(merchantAccountId, query);
  }

  /** The items of the run's connection and day: every run of the day lists the same ones. */
  async items(merchantAccountId: string, runId: string, query: ItemListQuery): Promise<Page<ReconciliationItem>> {
    const run = await this.run(merchantAccountId, runId);
    return this.deps.reconciliation.listItems(run, query);
  }

  async acknowledge(
    merchantAccountId: string,
    runId: string,
    itemId: string,
    actor: Actor,
    note: string,
  ): Promise<ReconciliationItem> {
    const run = await this.run(merchantAccountId, runId);
    const item = await this.deps.reconciliation.getItem(merchantAccountId, itemId);
    if (!item || item.paymentServiceId !== run.paymentServiceId || item.date !== run.date)
      throw new ReconciliationItemNotFoundError(`reconciliation item ${itemId} was not found in run ${runId}`);
    const now = this.deps.clock.now();
    return this.deps.reconciliation.updateItem(merchantAccountId, itemId, (stored) =>
      acknowledge(stored, actor, note, now),
    );
  }
}
