import {
  type ApprovalStarted,
  type CaptureRequest,
  type ConnectorAccount,
  type ConnectorOutcome,
  failed,
  type PaymentConnector,
  type ProviderEvent,
  type ProviderOrderPage,
  type ProviderSnapshot,
  type RefundRequest,
  SMARTPAY_CAPABILITIES,
  succeeded,
  WebhookVerificationError,
} from '@kessai/domain';

const NOT_HERE = 'the benchmark connector only captures, refunds and voids';

/**
 * The provider of the capture benchmarks: it answers every capture, refund and void at once as made, and keeps
 * nothing (its answer is derived from the request, so a retry gets the same one), so the API process measured
 * holds only what Kessai holds. The money rules are Kessai's to enforce before it calls, which is what is measured.
 */
export class InstantConnector implements PaymentConnector {
  readonly capabilities = SMARTPAY_CAPABILITIES;

  async createApproval(): Promise<ConnectorOutcome<ApprovalStarted>> {
    return failed('not_supported', NOT_HERE);
  }

  async capture(_account: ConnectorAccount, request: CaptureRequest) {
    return succeeded({ providerCaptureId: `payment_bench_${request.captureId}` });
  }

  async void(): Promise<ConnectorOutcome<Record<string, never>>> {
    return succeeded({});
  }

  async refund(_account: ConnectorAccount, request: RefundRequest) {
    return succeeded({ providerRefundIds: [`refund_bench_${request.refundId}`] });
  }

  async fetchStatus(): Promise<ConnectorOutcome<ProviderSnapshot>> {
    return failed('not_supported', NOT_HERE);
  }

  async listOrders(): Promise<ConnectorOutcome<ProviderOrderPage>> {
    return failed('not_supported', NOT_HERE);
  }

  parseWebhook(): ProviderEvent {
    throw new WebhookVerificationError(NOT_HERE);
  }
}
