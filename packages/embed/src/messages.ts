export type Locale = 'ja' | 'en';

export interface Messages {
  legend: string;
  loading: string;
  methodLabel: (method: string, label: string | null) => string;
  methodHint: (method: string) => string;
  unavailable: (method: string, reason: string, message: string) => string;
  noOptions: string;
  pay: (amount: string) => string;
  paying: string;
  redirecting: string;
  checking: string;
  outcome: (status: string) => string;
  succeeded: (status: string) => boolean;
  error: (message: string) => string;
  retry: string;
}

const METHOD_NAMES: Record<string, string> = { smartpay: 'Smartpay' };
const nameOf = (method: string, label: string | null) => label || METHOD_NAMES[method] || method;

/** Statuses that mean the buyer has paid (or the payment is reserved): the order can go ahead. */
export const SUCCESSFUL_STATUSES = new Set(['authorization_succeeded', 'capture_succeeded', 'capture_pending']);

// The API's reason codes in the buyer's words; an unknown code shows the API's own message.
const REASONS_JA: Record<string, string> = {
  shipping_address_required: 'お届け先の住所が必要です。',
  currency_not_supported: '日本円でのお支払いのみ対応しています。',
  country_not_supported: '日本国内のお客様のみご利用いただけます。',
  amount_out_of_range: 'ご注文金額がご利用可能な範囲を超えています。',
};
const REASONS_EN: Record<string, string> = {
  shipping_address_required: 'it needs a shipping address.',
  currency_not_supported: 'it takes Japanese yen only.',
  country_not_supported: 'it is for buyers in Japan only.',
  amount_out_of_range: 'the order total is outside its limits.',
};

const ja: Messages = {
  legend: 'お支払い方法',
  loading: 'お支払い方法を読み込んでいます…',
  methodLabel: nameOf,
  methodHint: (method) => (method === 'smartpay' ? 'あと払い・分割払い（Smartpay のページで承認します）' : ''),
  unavailable: (method, reason, message) =>
    `${nameOf(method, null)} はご利用いただけません：${REASONS_JA[reason] ?? message}`,
  noOptions: 'この注文でご利用いただけるお支払い方法はありません。',
  pay: (amount) => `${amount} を支払う`,
  paying: 'お支払いを準備しています…',
  redirecting: 'Smartpay のページへ移動しています…',
  checking: 'お支払いの結果を確認しています…',
  outcome: (status) =>
    SUCCESSFUL_STATUSES.has(status)
      ? 'お支払いが承認されました。注文を確定してください。'
      : status === 'buyer_approval_pending'
        ? 'お支払いはまだ承認されていません。もう一度お試しください。'
        : `お支払いは完了しませんでした（${status}）。別の方法をお試しください。`,
  succeeded: (status) => SUCCESSFUL_STATUSES.has(status),
  error: (message) => `エラーが発生しました：${message}`,
  retry: 'もう一度お試しください。',
};

const en: Messages = {
  legend: 'Payment method',
  loading: 'Loading payment methods…',
  methodLabel: nameOf,
  methodHint: (method) => (method === 'smartpay' ? 'Pay later or in instalments (approve on Smartpay’s page)' : ''),
  unavailable: (method, reason, message) =>
    `${nameOf(method, null)} is not available: ${REASONS_EN[reason] ?? message}`,
  noOptions: 'No payment method is available for this order.',
  pay: (amount) => `Pay ${amount}`,
  paying: 'Preparing your payment…',
  redirecting: 'Taking you to Smartpay…',
  checking: 'Checking your payment…',
  outcome: (status) =>
    SUCCESSFUL_STATUSES.has(status)
      ? 'Payment approved. Please place your order.'
      : status === 'buyer_approval_pending'
        ? 'The payment has not been approved yet. Please try again.'
        : `The payment did not go through (${status}). Please try another way.`,
  succeeded: (status) => SUCCESSFUL_STATUSES.has(status),
  error: (message) => `Something went wrong: ${message}`,
  retry: 'Please try again.',
};

export const MESSAGES: Record<Locale, Messages> = { ja, en };

/** The amount as the buyer reads it: ¥12,000 (JPY has no minor unit). */
export function formatAmount(amount: number, currency: string, locale: Locale): string {
  const digits =
    new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  return new Intl.NumberFormat(locale === 'ja' ? 'ja-JP' : 'en-US', { style: 'currency', currency }).format(
    amount / 10 ** digits,
  );
}
