import { isActiveAdmin } from '@kessai/domain';
import { newDashboardUserRecord } from '@kessai/domain/testing';
import { connectPostgres } from '../connect';
import { useTestDatabase } from '../testing/test-database';
import { KnexDashboardUserRepository } from './knex-dashboard-user-repository';

/**
 * Two admins of one merchant account take each other's admin rights away at the same moment, each through a pool
 * of its own (as two API processes would): every time, exactly one goes through and one admin stays active.
 */
const TRIALS = 25;

describe('the last active admin under racing changes on PostgreSQL', () => {
  const database = useTestDatabase();

  it('lets exactly one of two admins demoting or deactivating each other at once go through', async () => {
    const pools = [connectPostgres(database().connectionString), connectPostgres(database().connectionString)];
    try {
      const [left, right] = pools.map((pool) => new KnexDashboardUserRepository(pool));
      if (!left || !right) throw new Error('two pools');
      const at = new Date('2026-03-02T10:00:00.000Z');
      for (let trial = 0; trial < TRIALS; trial++) {
        const a = newDashboardUserRecord();
        const b = newDashboardUserRecord({ merchantAccountId: a.merchantAccountId });
        await left.add(a);
        await left.add(b);
        // Half the trials demote both ways, the other half demote one way and deactivate the other.
        const outcomes = await Promise.all([
          left.changeRole(b.id, 'viewer'),
          trial % 2 ? right.deactivate(a.id, at) : right.changeRole(a.id, 'viewer'),
        ]);
        expect(outcomes.sort()).toEqual(['changed', 'last_admin']);
        const team = await left.list(a.merchantAccountId);
        expect(team.filter(isActiveAdmin)).toHaveLength(1);
      }
    } finally {
      await Promise.all(pools.map((pool) => pool.destroy()));
    }
  }, 60_000);
});
