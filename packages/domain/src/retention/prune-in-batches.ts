/** A store's prune: forgets up to `limit` records older than `before`, and says how many it forgot. */
export type Prune = (before: Date, limit: number) => Promise<number>;

export interface BatchLimits {
  /** Rows per statement: small enough that no delete holds its locks for long. */
  batchSize: number;
  /** Statements per run: a backlog is worked off over several runs instead of in one long one. */
  maxBatches: number;
}

/** 1,000 rows a statement, at most 100 statements a table a run: 100,000 rows a table every run. */
export const RETENTION_BATCHES: BatchLimits = { batchSize: 1_000, maxBatches: 100 };

/** Prunes batch after batch until one comes back short (nothing older is left) or the run's cap is reached. */
export async function pruneInBatches(
  prune: Prune,
  before: Date,
  limits: BatchLimits = RETENTION_BATCHES,
): Promise<number> {
  let pruned = 0;
  for (let batch = 0; batch < limits.maxBatches; batch++) {
    const count = await prune(before, limits.batchSize);
    pruned += count;
    if (count < limits.batchSize) break;
  }
  return pruned;
}
