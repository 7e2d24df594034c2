import { beginApproval, cancel, expireApproval, refuseApproval, updateReferences } from './decide-approval';
import { recordCaptureOutcome, reserveCapture } from './decide-capture';
import { applyProviderSnapshot } from './decide-provider-snapshot';
import { recordRefundOutcome, reserveRefund } from './decide-refund';
import { recordVoidOutcome, reserveVoid } from './decide-void';
import { claimRefundRest, recordRefundRest } from './partly-made-refund';
import type { CommandContext, TransactionCommand } from './transaction-commands';
import type { TransactionEvent } from './transaction-events';
import type { TransactionState } from './transaction-state';

/**
 * The decider: what a command makes happen to a transaction in a given state. Pure: the same state and command
 * give the same events; a command the rules refuse throws its named `DomainError`; no event means nothing to do.
 */
export function decide(
  command: TransactionCommand,
  state: TransactionState,
  context: CommandContext,
): TransactionEvent[] {
  const { now } = context;
  switch (command.type) {
    case 'begin_approval':
      return beginApproval(state, command, now);
    case 'refuse_approval':
      return refuseApproval(state, command, now);
    case 'expire_approval':
      return expireApproval(state, now);
    case 'cancel':
      return cancel(state, now);
    case 'update_references':
      return updateReferences(state, command, now);
    case 'reserve_capture':
      return reserveCapture(state, command, now);
    case 'record_capture_outcome':
      return recordCaptureOutcome(state, command, now);
    case 'reserve_void':
      return reserveVoid(state, command, now);
    case 'record_void_outcome':
      return recordVoidOutcome(state, command, now);
    case 'reserve_refund':
      return reserveRefund(state, command, now);
    case 'record_refund_outcome':
      return recordRefundOutcome(state, command, now);
    case 'claim_refund_rest':
      return claimRefundRest(state, command, now);
    case 'record_refund_rest':
      return recordRefundRest(state, command, now);
    case 'apply_provider_snapshot':
      return applyProviderSnapshot(state, command, context);
  }
}
