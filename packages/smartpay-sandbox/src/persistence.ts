import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { SandboxCore } from './core';
import type { Entry } from './idempotency';
import type { Mode } from './model';
import type { Partition } from './store';

const TABLES = [
  'checkoutSessions',
  'orders',
  'lineItems',
  'payments',
  'refunds',
  'webhookEndpoints',
  'events',
] as const satisfies ReadonlyArray<keyof Partition>;

type SavedTable = { items: Array<{ id: string }>; live: string[] };

interface SavedPartition {
  secretKey: string;
  mode: Mode;
  tables: Record<(typeof TABLES)[number], SavedTable>;
  idempotency: Array<[string, Entry]>;
}

interface SavedState {
  version: 1;
  clockOffsetMs: number;
  partitions: SavedPartition[];
  owners: Array<[string, string]>;
}

/**
 * The sandbox's state in one JSON file, rewritten (write to a temp file, then rename) after every change and before
 * the answer goes out: a restart or a kill -9 loses nothing that was answered. Webhooks still being retried are not
 * kept (Kessai reconciles those by sync).
 */
export class StateFile {
  constructor(private readonly path: string) {}

  save(core: SandboxCore): void {
    const state: SavedState = {
      version: 1,
      clockOffsetMs: core.clock.offsetMs,
      partitions: core.store.all().map((partition) => ({
        secretKey: partition.secretKey,
        mode: partition.mode,
        tables: Object.fromEntries(
          TABLES.map((name) => [name, partition[name].dump()]),
        ) as unknown as SavedPartition['tables'],
        idempotency: partition.idempotency.dump(),
      })),
      owners: core.store.owners(),
    };
    mkdirSync(dirname(this.path), { recursive: true });
    const temp = `${this.path}.${process.pid}.tmp`;
    writeFileSync(temp, JSON.stringify(state), { mode: 0o600 });
    renameSync(temp, this.path);
  }

  /** Loads the saved state into an empty core; `false` when there is no file yet. */
  load(core: SandboxCore): boolean {
    let state: SavedState;
    try {
      state = JSON.parse(readFileSync(this.path, 'utf8')) as SavedState;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
      throw new Error(
        `sandbox state ${this.path} is unreadable (${(error as Error).message}); delete it to start empty`,
      );
    }
    core.clock.restoreOffset(state.clockOffsetMs);
    const byKey = new Map<string, Partition>();
    for (const saved of state.partitions) {
      const partition = core.store.partition(saved.secretKey, saved.mode);
      byKey.set(`${saved.mode}:${saved.secretKey}`, partition);
      for (const name of TABLES) (partition[name].load as (t: SavedTable) => void)(saved.tables[name]);
      partition.idempotency.load(saved.idempotency);
      for (const order of partition.orders.live())
        if (order.status === 'requires_capture') core.trackAuthorization(partition, order);
    }
    for (const [id, key] of state.owners) {
      const owner = byKey.get(key);
      if (owner) core.store.index(id, owner);
    }
    return true;
  }
}
