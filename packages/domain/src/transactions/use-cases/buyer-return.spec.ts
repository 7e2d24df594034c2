import { ManualClock } from '../../shared/system-clock';
import type { Transaction } from '../transaction';
import type { TransactionStatus } from '../transaction-status';
import { BuyerReturn } from './buyer-return';
import type { SyncCommand, SyncResult } from './sync-transaction';

function setup(status: TransactionStatus = 'buyer_approval_pending') {
  const clock = new ManualClock(new Date('2026-03-01T10:00:00.000Z'));
  const stored = { id: 'tx-1', status } as Transaction;
  const asks: SyncCommand[] = [];
  let answer: (result: SyncResult) => void = () => undefined;
  let fail: Error | undefined;
  const sync = {
    execute: (command: SyncCommand) => {
      asks.push(command);
      if (fail) return Promise.reject(fail);
      return new Promise<SyncResult>((resolve) => {
        answer = resolve;
      });
    },
  };
  const buyerReturn = new BuyerReturn({ get: async () => stored }, sync, clock, 3_000);
  const approved = { ...stored, status: 'authorization_succeeded' } as Transaction;
  return {
    clock,
    asks,
    buyerReturn,
    answer: () => answer({ transaction: approved, changed: true, reachedProvider: true }),
    failWith: (error: Error) => {
      fail = error;
    },
  };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('the status a returning buyer is redirected with', () => {
  it('asks the provider once for a burst of returns; every one of them gets its answer', async () => {
    const s = setup();
    const returns = Array.from({ length: 40 }, () => s.buyerReturn.execute('default', 'tx-1'));
    await settle();
    s.answer();
    const results = await Promise.all(returns);
    expect(s.asks).toHaveLength(1);
    expect(results.map((r) => r.transaction.status)).toEqual(Array(40).fill('authorization_succeeded'));
  });

  it('asks again only once the interval has passed since the last ask', async () => {
    const s = setup();
    const first = s.buyerReturn.execute('default', 'tx-1');
    await settle();
    s.answer();
    await first;
    s.clock.advance(2_999);
    expect((await s.buyerReturn.execute('default', 'tx-1')).transaction.status).toBe('buyer_approval_pending');
    expect(s.asks).toHaveLength(1);
    s.clock.advance(1);
    const again = s.buyerReturn.execute('default', 'tx-1');
    await settle();
    s.answer();
    await again;
    expect(s.asks).toHaveLength(2);
  });

  it('does not ask about a transaction whose approval is no longer pending', async () => {
    const s = setup('authorization_succeeded');
    await s.buyerReturn.execute('default', 'tx-1');
    expect(s.asks).toHaveLength(0);
  });

  it('falls back to the stored status, with the reason, when the provider cannot be asked', async () => {
    const s = setup();
    s.failWith(new Error('provider down'));
    const result = await s.buyerReturn.execute('default', 'tx-1');
    expect(result.transaction.status).toBe('buyer_approval_pending');
    expect(result.syncError).toEqual(new Error('provider down'));
  });
});
