import type { ProviderOrderStatus } from '@kessai/domain';

/**
 * Smartpay order status → the domain's provider status (smartpay-api.md §4, §8). `requires_capture` means
 * authorized whether or not some payments exist (the payments list says how much is captured); `succeeded` means
 * nothing is left to capture. Smartpay documents no meaning for `failed` and `pending`; an unknown string is read
 * as `processing`, the one status that never moves a transaction.
 */
export const SMARTPAY_STATUS_MAP: Readonly<Record<string, ProviderOrderStatus>> = {
  requires_authorization: 'pending_approval',
  requires_capture: 'authorized',
  succeeded: 'completed',
  canceled: 'canceled',
  rejected: 'declined',
  failed: 'failed',
  pending: 'processing',
};

export function mapOrderStatus(status: string): ProviderOrderStatus {
  return SMARTPAY_STATUS_MAP[status] ?? 'processing';
}
