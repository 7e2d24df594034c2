import { randomUUID } from 'node:crypto';
import type { AuditEntry } from '../../dashboard-audit/audit-entry';
import type { AuditLog } from '../../dashboard-audit/audit-log';

export interface AuditLogHarness {
  audit: AuditLog;
  close?: () => Promise<void>;
}

const entryOf = (merchantAccountId: string, second: number): AuditEntry => ({
  id: randomUUID(),
  merchantAccountId,
  actorId: randomUUID(),
  actorEmail: 'admin@shop.example.jp',
  action: 'dashboard_user.role_changed',
  target: 'viewer@shop.example.jp',
  detail: 'admin',
  at: new Date(Date.UTC(2026, 0, 1, 0, 0, second)),
});

export function describeAuditLogContract(name: string, makeHarness: () => Promise<AuditLogHarness>): void {
  describe(`${name} (AuditLog contract)`, () => {
    let harness: AuditLogHarness;
    beforeEach(async () => {
      harness = await makeHarness();
    });
    afterEach(async () => {
      await harness.close?.();
    });

    it('keeps each entry as written and lists one merchant account’s, newest first, paged forward and back', async () => {
      const merchant = `m-${randomUUID().slice(0, 8)}`;
      const entries = [1, 2, 3, 3, 4].map((second) => entryOf(merchant, second));
      for (const entry of entries) await harness.audit.record(entry);
      await harness.audit.record(entryOf(`m-${randomUUID().slice(0, 8)}`, 5));
      const newestFirst = [...entries].sort(
        (a, b) => b.at.getTime() - a.at.getTime() || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0),
      );
      const first = await harness.audit.list(merchant, { limit: 2 });
      expect(first.items).toEqual(newestFirst.slice(0, 2));
      expect(first.previousCursor).toBeNull();
      const second = await harness.audit.list(merchant, { limit: 2, cursor: first.nextCursor ?? '' });
      const third = await harness.audit.list(merchant, { limit: 2, cursor: second.nextCursor ?? '' });
      expect([...second.items, ...third.items]).toEqual(newestFirst.slice(2));
      expect(third.nextCursor).toBeNull();
      const back = await harness.audit.list(merchant, { limit: 2, cursor: third.previousCursor ?? '' });
      expect(back.items).toEqual(newestFirst.slice(2, 4));
    });
  });
}
