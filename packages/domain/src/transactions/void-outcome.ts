import type { TransactionSummary } from './transaction-summary';

/** What a void attempt came to, with the provider's code and words when it refused. */
export interface VoidOutcome {
  status: 'succeeded' | 'pending' | 'declined' | 'failed';
  errorCode: string | null;
  rawResponseCode: string | null;
  rawResponseDescription: string | null;
}

/**
 * A void that reached the provider ends voided, stays pending (outcome unknown, for sync), or goes back to
 * authorized with the attempt's error code: declined when the provider said no, failed otherwise.
 */
export function voidOutcomeOf(summary: TransactionSummary): VoidOutcome {
  const status =
    summary.status === 'authorization_voided'
      ? 'succeeded'
      : summary.status === 'authorization_void_pending'
        ? 'pending'
        : summary.errorCode === 'declined'
          ? 'declined'
          : 'failed';
  const refused = status === 'declined' || status === 'failed';
  return {
    status,
    errorCode: refused ? summary.errorCode : null,
    rawResponseCode: refused ? summary.rawResponseCode : null,
    rawResponseDescription: refused ? summary.rawResponseDescription : null,
  };
}
