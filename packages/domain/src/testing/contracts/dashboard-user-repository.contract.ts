import type { DashboardUser, PasswordHash } from '../../dashboard-users/dashboard-user';
import type { DashboardUserRepository } from '../../dashboard-users/dashboard-user-repository';
import { DuplicateRecordError } from '../../errors';

export interface DashboardUserRepositoryHarness {
  repository: DashboardUserRepository;
  close?: () => Promise<void>;
}

let counter = 0;
/** A user with a unique id, e-mail and merchant account (so runs on a shared database do not meet). */
export function newDashboardUserRecord(overrides: Partial<DashboardUser> = {}): DashboardUser {
  counter += 1;
  const tag = `${Date.now().toString(36)}${counter}${Math.random().toString(36).slice(2, 8)}`;
  return {
    id: crypto.randomUUID(),
    merchantAccountId: `m-${tag}`,
    email: `ops-${tag}@shop.example.jp`,
    role: 'admin',
    passwordHash: `test$${tag}` as PasswordHash,
    createdAt: new Date('2026-03-01T10:00:00.000Z'),
    deactivatedAt: null,
    mustChangePassword: false,
    ...overrides,
  };
}

/** The behaviour every DashboardUserRepository must show (ports/dashboard-user-repository.ts). */
export function describeDashboardUserRepositoryContract(
  name: string,
  makeHarness: () => Promise<DashboardUserRepositoryHarness>,
): void {
  describe(`${name} (DashboardUserRepository contract)`, () => {
    let harness: DashboardUserRepositoryHarness;
    beforeEach(async () => {
      harness = await makeHarness();
    });
    afterEach(async () => {
      await harness.close?.();
    });
    const repository = () => harness.repository;

    it('adds a user and finds it by id and by e-mail, field for field', async () => {
      const user = newDashboardUserRecord({ role: 'viewer' });
      await repository().add(user);
      expect(await repository().get(user.id)).toEqual(user);
      expect(await repository().findByEmail(user.email)).toEqual(user);
      expect(await repository().get(crypto.randomUUID())).toBeUndefined();
      expect(await repository().findByEmail(`nobody-${user.email}`)).toBeUndefined();
    });

    it('refuses a second user with the same e-mail, even in another merchant account', async () => {
      const user = newDashboardUserRecord();
      await repository().add(user);
      const twin = newDashboardUserRecord({ email: user.email });
      await expect(repository().add(twin)).rejects.toBeInstanceOf(DuplicateRecordError);
      expect(await repository().get(twin.id)).toBeUndefined();
    });

    it('changes a password, which ends a one-time password’s duty to change it, and reports whether the user existed', async () => {
      const user = newDashboardUserRecord({ mustChangePassword: true });
      await repository().add(user);
      expect(await repository().get(user.id)).toEqual(user);
      expect(await repository().changePassword(user.id, 'test$new' as PasswordHash)).toBe(true);
      expect(await repository().get(user.id)).toEqual({
        ...user,
        passwordHash: 'test$new',
        mustChangePassword: false,
      });
      expect(await repository().changePassword(crypto.randomUUID(), 'test$x' as PasswordHash)).toBe(false);
    });

    it('lists a merchant account’s users oldest first, and no one else’s', async () => {
      const first = newDashboardUserRecord({ createdAt: new Date('2026-03-01T10:00:00.000Z') });
      const second = newDashboardUserRecord({
        merchantAccountId: first.merchantAccountId,
        createdAt: new Date('2026-03-01T11:00:00.000Z'),
      });
      const elsewhere = newDashboardUserRecord();
      await repository().add(second);
      await repository().add(elsewhere);
      await repository().add(first);
      expect(await repository().list(first.merchantAccountId)).toEqual([first, second]);
    });

    it('changes a role and deactivates once, keeping the first time; an unknown id changes nothing', async () => {
      const admin = newDashboardUserRecord();
      const user = newDashboardUserRecord({ role: 'viewer', merchantAccountId: admin.merchantAccountId });
      await repository().add(admin);
      await repository().add(user);
      expect(await repository().changeRole(user.id, 'admin')).toBe('changed');
      const at = new Date('2026-03-02T10:00:00.000Z');
      expect(await repository().deactivate(user.id, at)).toBe('changed');
      expect(await repository().deactivate(user.id, new Date('2026-03-03T10:00:00.000Z'))).toBe('unchanged');
      expect(await repository().get(user.id)).toEqual({ ...user, role: 'admin', deactivatedAt: at });
      expect(await repository().changeRole(crypto.randomUUID(), 'admin')).toBe('unchanged');
      expect(await repository().deactivate(crypto.randomUUID(), at)).toBe('unchanged');
    });

    it('never leaves a merchant account without an active admin: the last one is neither demoted nor deactivated', async () => {
      const first = newDashboardUserRecord();
      const second = newDashboardUserRecord({ merchantAccountId: first.merchantAccountId });
      const viewer = newDashboardUserRecord({ role: 'viewer', merchantAccountId: first.merchantAccountId });
      for (const user of [first, second, viewer]) await repository().add(user);
      const at = new Date('2026-03-02T10:00:00.000Z');
      expect(await repository().changeRole(first.id, 'viewer')).toBe('changed');
      expect(await repository().changeRole(second.id, 'viewer')).toBe('last_admin');
      expect(await repository().deactivate(second.id, at)).toBe('last_admin');
      expect(await repository().deactivate(viewer.id, at)).toBe('changed');
      expect(await repository().get(second.id)).toEqual(second);
      // Another account's admins do not count toward this one.
      const elsewhere = newDashboardUserRecord();
      await repository().add(elsewhere);
      expect(await repository().deactivate(elsewhere.id, at)).toBe('last_admin');
    });
  });
}
