import fc from 'fast-check';
import { DomainError } from '../errors';
import { authorizedTransaction, pendingApprovalTransaction } from '../testing/fixtures';
import { Transaction } from './transaction';
import { commandArb, run, viewOf } from './transaction-history-harness';
import { isTerminal } from './transaction-status';

const start = new Date('2026-03-01T10:00:00.000Z');

describe('Transaction money invariants (property-based)', () => {
  it('for any sequence of commands and provider reports: captured ≤ authorized, refunded ≤ captured, nothing negative, terminal stays terminal, refused commands change nothing', () => {
    fc.assert(
      fc.property(fc.boolean(), fc.array(commandArb, { minLength: 1, maxLength: 40 }), (authorizedFirst, commands) => {
        const tx = authorizedFirst ? authorizedTransaction(start) : pendingApprovalTransaction(start);
        let now = start;
        let terminal: string | null = null;
        commands.forEach((command, seq) => {
          if (command.kind === 'advance') now = new Date(now.getTime() + command.ms);
          const before = tx.state;
          try {
            run(tx, command, now, seq);
          } catch (error) {
            // Only rule violations may be refused, and a refusal leaves no trace.
            expect(error).toBeInstanceOf(DomainError);
            expect(tx.state).toEqual(before);
          }
          const data = viewOf(tx);
          // The stored state is the whole state: what is stored comes back the same.
          expect(Transaction.rehydrate(tx.state, tx.version).summary()).toEqual(tx.summary());
          const reservedCaptures = data.captures
            .filter((c) => c.status === 'pending' || c.status === 'succeeded')
            .reduce((s, c) => s + c.amount, 0);
          const reservedRefunds = data.refunds
            .filter((r) => r.status === 'processing' || r.status === 'succeeded')
            .reduce((s, r) => s + r.amount, 0);
          expect(tx.capturedAmount).toBeLessThanOrEqual(tx.authorizedAmount);
          expect(reservedCaptures).toBeLessThanOrEqual(data.amount);
          expect(tx.refundedAmount).toBeLessThanOrEqual(tx.capturedAmount);
          expect(reservedRefunds).toBeLessThanOrEqual(tx.capturedAmount);
          for (const child of [...data.captures, ...data.refunds]) expect(child.amount).toBeGreaterThan(0);
          if (terminal) expect(data.status).toBe(terminal);
          if (isTerminal(data.status)) terminal = data.status;
        });
      }),
      { numRuns: 1500 },
    );
  });
});
