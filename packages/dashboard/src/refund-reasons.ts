// The reasons a refund is commonly made for, offered in the refund dialog. The API keeps a refund's `reason` as free
// text (Gr4vy's, ≤ 100 characters): a common reason is sent as its code and worded in the reader's language when
// shown; anything else typed is sent and shown as typed.
import type { Translate } from './i18n';

export const REFUND_REASONS = [
  'requested_by_customer',
  'returned_goods',
  'duplicate',
  'fraudulent',
  'order_change',
] as const;
export type RefundReason = (typeof REFUND_REASONS)[number];

/** The API's limit on a refund's reason. */
export const REFUND_REASON_MAX = 100;

const isCommon = (reason: string): reason is RefundReason => (REFUND_REASONS as readonly string[]).includes(reason);

/** A stored reason in words: a common one in the reader's language, any other as it was typed. */
export function refundReasonWords(t: Translate, reason: string): string {
  return isCommon(reason) ? t(`refundReason.${reason}`) : reason;
}
