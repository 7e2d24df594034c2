import type { Address, CartItem, PersonDetails, TransactionDetails } from '@kessai/domain';

/** Smartpay accepts at most 50 lines per checkout session (smartpay-api.md §3.1). */
export const MAX_LINES = 50;

export interface SmartpayItem {
  name: string;
  amount: number;
  quantity: number;
  currency: string;
  kind?: 'product' | 'discount' | 'tax';
}

function address(value: Address) {
  return {
    line1: value.line1,
    ...(value.line2 ? { line2: value.line2 } : {}),
    locality: value.city,
    administrativeArea: value.state,
    postalCode: value.postalCode,
    country: value.country,
  };
}

function customerInfo(person: PersonDetails) {
  return {
    emailAddress: person.emailAddress,
    firstName: person.firstName,
    lastName: person.lastName,
    ...(person.phoneNumber ? { phoneNumber: person.phoneNumber } : {}),
    address: address(person.address),
  };
}

/** One cart item → its product line, plus discount and tax lines (Smartpay item kinds; amounts are positive). */
function linesOf(item: CartItem, currency: string): SmartpayItem[] {
  const lines: SmartpayItem[] = [
    { name: item.name.slice(0, 255), amount: item.unitAmount, quantity: item.quantity, currency, kind: 'product' },
  ];
  if (item.discountAmount > 0)
    lines.push({
      name: `Discount: ${item.name}`.slice(0, 255),
      amount: item.discountAmount,
      quantity: 1,
      currency,
      kind: 'discount',
    });
  if (item.taxAmount > 0)
    lines.push({ name: `Tax: ${item.name}`.slice(0, 255), amount: item.taxAmount, quantity: 1, currency, kind: 'tax' });
  return lines;
}

const signed = (line: SmartpayItem) => (line.kind === 'discount' ? -1 : 1) * line.amount * line.quantity;

/**
 * Kessai takes up to 249 cart items, Smartpay 50 lines: the first 49 lines stay and the rest fold into one line
 * whose amount keeps the total exact (a product line, or a discount line if the rest nets negative).
 */
export function itemsFor(transaction: TransactionDetails): SmartpayItem[] {
  const { currency } = transaction;
  if (transaction.cartItems.length === 0) {
    return [
      {
        name: `Order ${transaction.reconciliationId}`,
        amount: transaction.amount,
        quantity: 1,
        currency,
        kind: 'product',
      },
    ];
  }
  const lines = transaction.cartItems.flatMap((item) => linesOf(item, currency));
  if (lines.length <= MAX_LINES) return lines;
  const kept = lines.slice(0, MAX_LINES - 1);
  const rest = lines.slice(MAX_LINES - 1);
  const net = rest.reduce((sum, line) => sum + signed(line), 0);
  if (net === 0) return kept;
  const name = `Other items (${rest.filter((l) => l.kind === 'product').length})`;
  return [
    ...kept,
    net > 0
      ? { name, amount: net, quantity: 1, currency, kind: 'product' }
      : { name: `${name}, discounts`, amount: -net, quantity: 1, currency, kind: 'discount' },
  ];
}

export function withQuery(url: string, params: Record<string, string>): string {
  const target = new URL(url);
  for (const [name, value] of Object.entries(params)) target.searchParams.set(name, value);
  return target.toString();
}

/**
 * The `POST /checkout-sessions` body for a transaction (smartpay-api.md §3.1). With `returnUrl` the buyer comes
 * back through Kessai, which redirects on with the transaction's real status; without it, straight to the merchant.
 */
export function checkoutSessionPayload(
  transaction: TransactionDetails,
  options: { returnUrl?: (transaction: TransactionDetails) => string } = {},
) {
  const { returnUrl } = options;
  const back = (status: string) =>
    returnUrl
      ? returnUrl(transaction)
      : withQuery(transaction.redirectUrl, { transaction_id: transaction.id, transaction_status: status });
  const merchantMetadata = Object.entries(transaction.metadata).slice(0, 19);
  return {
    amount: transaction.amount,
    currency: transaction.currency,
    captureMethod: transaction.intent === 'capture' ? 'automatic' : 'manual',
    items: itemsFor(transaction),
    customerInfo: customerInfo(transaction.billingDetails),
    shippingInfo: { address: address(transaction.shippingDetails.address) },
    reference: transaction.reconciliationId.slice(0, 40),
    successUrl: back('authorization_succeeded'),
    cancelUrl: back('authorization_failed'),
    metadata: { ...Object.fromEntries(merchantMetadata), kessai_transaction_id: transaction.id },
  };
}
