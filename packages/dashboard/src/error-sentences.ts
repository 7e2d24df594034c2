// A refusal as a sentence in the UI's language, placed once: at the form field its details[].pointer names, else
// at the form. The API's English `message` is never shown: an unknown code reads as a generic sentence with the code.
import type { MessageKey, Translate } from './i18n';
import type { AmountProblem } from './parse-amount';

/** The API's envelope codes (`code`): Gr4vy's, and Kessai's own for sign-in and sessions. */
export const ENVELOPE_CODES = [
  'bad_request',
  'unauthorized',
  'forbidden',
  'not_found',
  'method_not_allowed',
  'request_timeout',
  'duplicate_record',
  'concurrent_request',
  'payload_too_large',
  'uri_too_long',
  'unsupported_media_type',
  'too_many_requests',
  'request_header_fields_too_large',
  'server_error',
  'bad_gateway',
  'service_unavailable',
  'invalid_credentials',
  'too_many_attempts',
  'unauthenticated',
  'csrf_token_invalid',
  'password_change_required',
] as const;

/**
 * What a `details[].type` can name: a domain rule's code, the API's own checks (request guard, idempotency, body
 * parsing, the types its error table gives), and zod's issue codes for what failed validation.
 */
export const RULE_TYPES = [
  // The domain's rules and lookups.
  'invalid_amount',
  'invalid_currency',
  'unsupported_currency',
  'unsupported_country',
  'missing_required_field',
  'invalid_field',
  'too_many_cart_items',
  'cart_items_total_mismatch',
  'unsupported_feature',
  'invalid_state_transition',
  'amount_exceeds_authorized',
  'capture_after_final',
  'nothing_to_capture',
  'amount_exceeds_refundable',
  'nothing_to_refund',
  'void_not_allowed',
  'cancel_not_allowed',
  'payment_service_deleted',
  'transaction_not_found',
  'refund_not_found',
  'capture_not_found',
  'payment_service_not_found',
  'webhook_subscription_not_found',
  'webhook_delivery_not_found',
  'api_key_not_found',
  'buyer_not_found',
  'shipping_details_not_found',
  'invalid_buyer_reference',
  'buyer_external_identifier_taken',
  'too_many_webhook_subscriptions',
  'too_many_api_keys',
  'dashboard_user_not_found',
  'last_admin',
  'admin_only',
  'concurrency_conflict',
  'idempotency_key_held',
  'duplicate_record',
  'password_check_busy',
  'invalid_credentials',
  'provider_refused_setup',
  'provider_unreachable',
  'webhook_signing_secret_required',
  'webhook_verification_failed',
  'webhook_subscription_disabled',
  'weak_password',
  'reconciliation_run_not_found',
  'reconciliation_item_not_found',
  'reconciliation_item_not_open',
  // Checkout sessions and the embed, when an operator's call meets them.
  'checkout_session_not_found',
  'checkout_session_expired',
  'checkout_session_paid',
  'embed_forbidden',
  'embed_pin_mismatch',
  'invalid_embed_origin',
  'wrong_password',
  // The API's own checks.
  'idempotency_key_reused',
  'value_error',
  'missing',
  'deleted',
  'invalid_string',
  'too_deeply_nested',
  'object_expected',
  'empty_body',
  'unsupported_media_type',
  'body_too_large',
  'invalid_content_length',
  'json_invalid',
  'invalid_url',
  'path_parameter_too_long',
  // zod's issue codes.
  'invalid_type',
  'too_small',
  'too_big',
  'invalid_format',
  'not_multiple_of',
  'unrecognized_keys',
  'invalid_union',
  'invalid_key',
  'invalid_element',
  'invalid_value',
  'custom',
] as const;

type EnvelopeCode = (typeof ENVELOPE_CODES)[number];
type RuleType = (typeof RULE_TYPES)[number];

// Every code above has its sentence in English (and so in Japanese, whose keys are checked against English's): a
// code added without one fails to compile here.
type Unworded = Exclude<`error.code.${EnvelopeCode}` | `error.rule.${RuleType}`, MessageKey>;
const everyCodeWorded: [Unworded] extends [never] ? true : Unworded = true;
void everyCodeWorded;

/** The rules whose sentence can quote amounts the form knows: what was asked and what was left. */
const WITH_AMOUNTS: Partial<Record<RuleType, MessageKey>> = {
  amount_exceeds_authorized: 'error.amount.exceedsAuthorized',
  amount_exceeds_refundable: 'error.amount.exceedsRefundable',
};

/** What the form knows about the amount it sent (the API's refusals carry no amounts). */
export interface AmountContext {
  asked?: number | undefined;
  remaining?: number | undefined;
  currency?: string | undefined;
}

export interface RefusalDetail {
  pointer?: string | undefined;
  type?: string | undefined;
}

/** The parts of the API's error envelope a sentence is made from (an `ApiFailure`). */
export interface Refusal {
  code: string;
  details: readonly RefusalDetail[];
}

const isRefusal = (failure: unknown): failure is Refusal =>
  typeof failure === 'object' && failure !== null && 'code' in failure && 'details' in failure;

const known = <T extends string>(list: readonly T[], value: string | undefined): value is T =>
  (list as readonly string[]).includes(value ?? '');

/** An amount as the UI's language writes yen: `¥6,000` in English, `6,000円` in Japanese. */
export function money(t: Translate, amount: number, currency = 'JPY'): string {
  const digits = amount.toLocaleString('en-US');
  return currency === 'JPY' ? t('money.jpy', { amount: digits }) : `${digits} ${currency}`;
}

export function amountSentence(t: Translate, problem: AmountProblem): string {
  return t(`amount.${problem}`);
}

export function codeSentence(t: Translate, code: string): string {
  return known(ENVELOPE_CODES, code) ? t(`error.code.${code}`) : t('error.unknown', { code });
}

/** One detail's sentence: its rule's, with the form's amounts when it quotes them; else its envelope code's. */
export function detailSentence(t: Translate, code: string, detail: RefusalDetail, amounts: AmountContext = {}): string {
  const type = detail.type;
  if (!known(RULE_TYPES, type)) return type ? t('error.unknown', { code: type }) : codeSentence(t, code);
  const quoting = WITH_AMOUNTS[type];
  if (quoting && amounts.asked !== undefined && amounts.remaining !== undefined)
    return t(quoting, {
      amount: money(t, amounts.asked, amounts.currency),
      remaining: money(t, amounts.remaining, amounts.currency),
    });
  return t(`error.rule.${type}`);
}

/** The field a JSON pointer names among the form's (`/amount`, `/fields/0/value` → `fields`), if any. */
export function fieldOf(pointer: string | undefined, fields: readonly string[]): string | undefined {
  return fields.find((field) => pointer === `/${field}` || pointer?.startsWith(`/${field}/`));
}

export interface PlacedSentences {
  /** A sentence per field of the form a detail points at. */
  fields: Record<string, string>;
  /** What points at no field of the form, or the refusal as a whole; null when every detail sits at its field. */
  form: string | null;
}

/** Each sentence of a refusal (or of a request that never got an answer), placed once. */
export function placeSentences(
  t: Translate,
  failure: unknown,
  fields: readonly string[] = [],
  amounts: AmountContext = {},
): PlacedSentences {
  if (!isRefusal(failure)) return { fields: {}, form: failure ? t('error.network') : null };
  if (failure.details.length === 0) return { fields: {}, form: codeSentence(t, failure.code) };
  const atFields: Record<string, string[]> = {};
  const atForm: string[] = [];
  for (const detail of failure.details) {
    const sentence = detailSentence(t, failure.code, detail, amounts);
    const field = fieldOf(detail.pointer, fields);
    const list = field ? (atFields[field] ?? []) : atForm;
    if (!list.includes(sentence)) list.push(sentence);
    if (field) atFields[field] = list;
  }
  return {
    fields: Object.fromEntries(Object.entries(atFields).map(([field, list]) => [field, list.join(' ')])),
    form: atForm.length > 0 ? atForm.join(' ') : null,
  };
}
