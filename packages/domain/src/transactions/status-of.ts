import type { TransactionState } from './transaction-state';
import type { TransactionStatus } from './transaction-status';

/** Gr4vy's status of a transaction, derived from its state: the one place a status is decided. */
export function statusOf(state: TransactionState): TransactionStatus {
  switch (state.kind) {
    case 'awaiting_approval':
      return state.approval ? 'buyer_approval_pending' : 'processing';
    case 'refused':
      return state.outcome === 'declined' ? 'authorization_declined' : 'authorization_failed';
    case 'authorized':
      if (state.voiding.kind === 'voided') return 'authorization_voided';
      if (state.voiding.kind === 'pending') return 'authorization_void_pending';
      if (state.captures.some((capture) => capture.status === 'pending')) return 'capture_pending';
      if (state.captures.some((capture) => capture.status === 'succeeded')) return 'capture_succeeded';
      return 'authorization_succeeded';
  }
}
