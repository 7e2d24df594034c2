import fc from 'fast-check';
import { SMARTPAY_CAPABILITIES } from '../connectors/capability-profile';
import { DomainError } from '../errors';
import { authorizedTransaction, newTransactionInput, pendingApprovalTransaction } from '../testing/fixtures';
import { allowedActions, type TransactionAction } from './allowed-actions';
import { decide } from './decide';
import { Transaction } from './transaction';
import type { TransactionCommand } from './transaction-commands';
import { commandArb, run } from './transaction-history-harness';
import type { TransactionState } from './transaction-state';

const start = new Date('2026-03-01T10:00:00.000Z');
const context = { now: start, newId: () => 'new-id' };

/** Each action as the API sends it from a bare request: the whole remaining amount, a final capture. */
const commands: Record<Exclude<TransactionAction, 'sync'>, TransactionCommand> = {
  capture: { type: 'reserve_capture', captureId: 'fresh-capture', capabilities: SMARTPAY_CAPABILITIES },
  refund: { type: 'reserve_refund', refundId: 'fresh-refund', capabilities: SMARTPAY_CAPABILITIES },
  void: { type: 'reserve_void', capabilities: SMARTPAY_CAPABILITIES },
  cancel: { type: 'cancel' },
};

/** What the aggregate would act on: the commands it decides something for, without refusing. */
function accepted(state: TransactionState): TransactionAction[] {
  return Object.entries(commands).flatMap(([action, command]) => {
    try {
      return decide(command, state, context).length > 0 ? [action as TransactionAction] : [];
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      return [];
    }
  });
}

const starts = [
  () => Transaction.create(newTransactionInput(), SMARTPAY_CAPABILITIES, start),
  () => pendingApprovalTransaction(start),
  () => authorizedTransaction(start),
];

describe('allowedActions', () => {
  it('lists what the aggregate accepts, read from the summary alone, after any history', () => {
    fc.assert(
      fc.property(fc.nat(starts.length - 1), fc.array(commandArb, { maxLength: 25 }), (first, history) => {
        const tx = (starts[first] as () => Transaction)();
        let now = start;
        history.forEach((command, seq) => {
          if (command.kind === 'advance') now = new Date(now.getTime() + command.ms);
          try {
            run(tx, command, now, seq);
          } catch (error) {
            if (!(error instanceof DomainError)) throw error;
          }
          const summary = tx.summary();
          const listed = allowedActions(summary);
          const expected = accepted(tx.state).filter(
            // The one action left out on purpose: a summary cannot tell whether the pending capture is final.
            (action) => !(action === 'capture' && summary.status === 'capture_pending'),
          );
          expect(listed).toEqual([...expected, 'sync']);
        });
      }),
      { numRuns: 400 },
    );
  });

  it('offers capture, void and refund as the money moves', () => {
    const tx = authorizedTransaction(start);
    expect(allowedActions(tx.summary())).toEqual(['capture', 'void', 'sync']);
    tx.reserveCapture({ captureId: 'c1', amount: 3000, final: false }, SMARTPAY_CAPABILITIES, start);
    expect(allowedActions(tx.summary())).toEqual(['sync']);
    tx.recordCaptureOutcome('c1', { kind: 'succeeded', value: { providerCaptureId: 'p1' } }, start);
    expect(allowedActions(tx.summary())).toEqual(['capture', 'refund', 'sync']);
    tx.reserveRefund({ refundId: 'r1' }, SMARTPAY_CAPABILITIES, start);
    // The refund still processing claims all that was captured.
    expect(allowedActions(tx.summary())).toEqual(['capture', 'sync']);
    tx.reserveCapture({ captureId: 'c2', amount: 1000, final: true }, SMARTPAY_CAPABILITIES, start);
    tx.recordCaptureOutcome('c2', { kind: 'succeeded', value: { providerCaptureId: 'p2' } }, start);
    // A final capture released the rest of the authorization.
    expect(allowedActions(tx.summary())).toEqual(['refund', 'sync']);
  });

  it('offers cancel only while the buyer has not approved', () => {
    expect(allowedActions(pendingApprovalTransaction(start).summary())).toEqual(['cancel', 'sync']);
    const canceled = pendingApprovalTransaction(start);
    canceled.cancel(start);
    expect(allowedActions(canceled.summary())).toEqual(['sync']);
  });
});
