import type { Amount } from '../money';
import type { Capture, ProviderOrder, Refund, TransactionDetails } from './transaction-state';

/**
 * What the decider decides: facts about one transaction, each carrying what `evolve` needs to fold it into the
 * state. The audit history and the outbox store them as `DomainEvent`s (`audit-record.ts`).
 */
export type TransactionEvent =
  | { type: 'created'; at: Date; details: TransactionDetails; approvalExpiresAt: Date }
  | { type: 'approval_started'; at: Date; url: string; order: ProviderOrder; approvalExpiresAt: Date }
  | { type: 'authorized'; at: Date; order: ProviderOrder }
  | { type: 'refused'; at: Date; outcome: 'declined' | 'failed'; reason: RefusalReason; failure: RefusalFailure }
  | { type: 'references_updated'; at: Date; externalIdentifier?: string | null; metadata?: Record<string, string> }
  | { type: 'capture_reserved'; at: Date; capture: Capture }
  | { type: 'capture_succeeded'; at: Date; captureId: string; providerCaptureId: string }
  /** Money captured outside Kessai's requests, recorded already succeeded. */
  | { type: 'external_capture_found'; at: Date; capture: Capture }
  | {
      type: 'capture_refused';
      at: Date;
      captureId: string;
      outcome: 'declined' | 'failed';
      code: string;
      message: string;
    }
  /** A pending capture the provider does not show, past the grace: it never happened. */
  | { type: 'capture_not_found'; at: Date; captureId: string }
  | { type: 'capture_closed'; at: Date; releasedAmount: Amount }
  | { type: 'void_reserved'; at: Date }
  | { type: 'voided'; at: Date; errorCode: string | null }
  | { type: 'void_refused'; at: Date; outcome: 'declined' | 'failed'; code: string; message: string }
  | { type: 'refund_reserved'; at: Date; refund: Refund }
  | { type: 'refund_outcome_unknown'; at: Date; refundId: string; reason: string }
  | { type: 'refund_succeeded'; at: Date; refundId: string; providerRefundIds: string[] }
  | { type: 'external_refund_found'; at: Date; refund: Refund }
  | {
      type: 'refund_refused';
      at: Date;
      refundId: string;
      outcome: 'declined' | 'failed';
      code: string;
      message: string;
    }
  | { type: 'refund_not_found'; at: Date; refundId: string }
  | { type: 'refund_parts_found'; at: Date; refundId: string; providerRefundIds: string[]; made: Amount }
  | { type: 'refund_rest_requested'; at: Date; refundId: string; found: Amount }
  /** The provider refused the rest of a partly made refund: it settles at what was refunded. */
  | {
      type: 'refund_settled_short';
      at: Date;
      refundId: string;
      refunded: Amount;
      providerRefundIds: string[];
      code: string;
      message: string;
    };

export type RefusalReason = 'provider' | 'expired' | 'canceled';

export interface RefusalFailure {
  errorCode: string;
  rawResponseCode: string | null;
  rawResponseDescription: string | null;
}

export type TransactionEventOf<T extends TransactionEvent['type']> = Extract<TransactionEvent, { type: T }>;
