import { DuplicateRecordError, InvalidFieldError } from '../errors';
import { japanDay, japanMinuteOf, previousJapanDate } from './japan-day';
import { ManageReconciliation } from './manage-reconciliation';
import type { ReconciliationDependencies } from './reconciliation-dependencies';

/** `HH:MM`, Japan time. */
export function japanTimeOfDay(value: string): number {
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(value);
  if (!match) throw new InvalidFieldError(`a Japan time of day must be HH:MM, got ${JSON.stringify(value)}`);
  return Number(match[1]) * 60 + Number(match[2]);
}

/**
 * Once the configured Japan time has passed, starts one run per active connection for the Japan day before, if
 * the connection existed on that day (a connection made today has no yesterday to check).
 * Called every minute by every worker: a scheduled run's id derives from its connection and day, so it is
 * started once whoever calls.
 */
export class ScheduleDailyReconciliation {
  private readonly manage: ManageReconciliation;

  constructor(
    private readonly deps: ReconciliationDependencies,
    /** Minutes after midnight, Japan time. */
    private readonly atMinute: number,
  ) {
    this.manage = new ManageReconciliation(deps);
  }

  async execute(): Promise<number> {
    const { deps } = this;
    const now = deps.clock.now();
    if (japanMinuteOf(now) < this.atMinute) return 0;
    const date = previousJapanDate(now);
    const dayEnd = japanDay(date).end;
    let started = 0;
    for (const service of await deps.paymentServices.listActive()) {
      if (service.createdAt >= dayEnd) continue;
      const runId = deps.ids.derive('kessai.scheduled-reconciliation', `${service.id}:${date}`);
      if (await deps.reconciliation.getRun(service.merchantAccountId, runId)) continue;
      try {
        await this.manage.start({
          merchantAccountId: service.merchantAccountId,
          paymentServiceId: service.id,
          date,
          trigger: 'schedule',
          actor: null,
          runId,
        });
        started++;
      } catch (error) {
        // Another worker started it a moment ago.
        if (!(error instanceof DuplicateRecordError)) throw error;
      }
    }
    return started;
  }
}
