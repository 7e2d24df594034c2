export { expectedAmount } from './amount';
export { base62Decode, base62Encode, SMARTPAY_BASE62_ALPHABET } from './base62';
export type { BuyerDecision, BuyerOutcome } from './buyer';
export type { Clock } from './clock';
export type {
  ClockState,
  MerchantState,
  OrderInspection,
  SandboxControl,
  SandboxState,
} from './control';
export { ApiError, type ErrorBody } from './errors';
export type { FaultRule, FaultRuleInput, HttpFault, HttpFaultInput, WebhookFault, WebhookFaultInput } from './faults';
export type * from './model';
export type { SandboxOptions } from './options';
export type { ExpandedOrder, OrderTotals } from './present';
export { type RunningSandbox, startSandbox } from './server';
export type { RetryPolicy, WebhookAttempt } from './webhooks/dispatcher';
export { calculateSignature, signWebhook, verifyWebhook } from './webhooks/signature';
