import type { CapabilityProfile } from '../connectors/capability-profile';
import type { ConnectorOutcome } from '../connectors/outcome';
import type { ApprovalStarted } from '../connectors/payment-connector';
import type { ProviderRefund, ProviderSnapshot } from '../connectors/provider-snapshot';
import type { Amount, Money } from '../money';

/** A provider answer to an authorization-phase request that was not a success. */
export interface Refusal {
  kind: 'declined' | 'failed';
  code: string;
  message: string;
}

/** What every command brings besides its own fields: the time it is decided at and a source of new ids. */
export interface CommandContext {
  now: Date;
  newId: () => string;
}

/** The intents a transaction decides on once it exists (its creation is `decideCreation`). */
export type TransactionCommand =
  | { type: 'begin_approval'; started: ApprovalStarted }
  | { type: 'refuse_approval'; refusal: Refusal }
  | { type: 'expire_approval' }
  | { type: 'cancel' }
  | { type: 'update_references'; externalIdentifier?: string | null; metadata?: Record<string, string> }
  | {
      type: 'reserve_capture';
      captureId: string;
      /** Omitted: everything still capturable. */
      amount?: Money | undefined;
      /** Default true: the provider releases whatever is not captured. */
      final?: boolean | undefined;
      capabilities: CapabilityProfile;
    }
  | { type: 'record_capture_outcome'; captureId: string; outcome: ConnectorOutcome<{ providerCaptureId: string }> }
  | { type: 'reserve_void'; capabilities: CapabilityProfile }
  | { type: 'record_void_outcome'; outcome: ConnectorOutcome<unknown> }
  | {
      type: 'reserve_refund';
      refundId: string;
      /** Omitted: everything still refundable. */
      amount?: Money | undefined;
      reason?: string | null | undefined;
      externalIdentifier?: string | null | undefined;
      capabilities: CapabilityProfile;
    }
  | { type: 'record_refund_outcome'; refundId: string; outcome: ConnectorOutcome<{ providerRefundIds: string[] }> }
  | { type: 'claim_refund_rest'; refundId: string; found: Amount; afterMs: number }
  | {
      type: 'record_refund_rest';
      refundId: string;
      outcome: ConnectorOutcome<{ providerRefundIds: string[] }>;
      parts: ProviderRefund[];
    }
  | { type: 'apply_provider_snapshot'; snapshot: ProviderSnapshot; unmatchedGraceMs: number };

export type TransactionCommandOf<T extends TransactionCommand['type']> = Extract<TransactionCommand, { type: T }>;
