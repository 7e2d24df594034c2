import { SMARTPAY_CAPABILITIES } from '../connectors/capability-profile';
import {
  CancelNotAllowedError,
  CartItemsTotalMismatchError,
  InvalidAmountError,
  InvalidFieldError,
  InvalidStateTransitionError,
  MissingRequiredFieldError,
  TooManyCartItemsError,
  UnsupportedCountryError,
  UnsupportedCurrencyError,
} from '../errors';
import {
  authorizedTransaction,
  newTransactionInput,
  pendingApprovalTransaction,
  TEST_PERSON,
} from '../testing/fixtures';
import type { CartItem } from './cart-item';
import { Transaction } from './transaction';

const now = new Date('2026-03-01T10:00:00.000Z');
const create = (overrides: Parameters<typeof newTransactionInput>[0] = {}) =>
  Transaction.create(newTransactionInput(overrides), SMARTPAY_CAPABILITIES, now);
const errorOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return error as Error & { code?: string; field?: string };
  }
  throw new Error('expected an error');
};

describe('Transaction: creation (Smartpay capability profile)', () => {
  it('given a valid request, when created, then it is processing with a 30-minute approval window', () => {
    const tx = create();
    expect(tx.status).toBe('processing');
    expect(tx.summary().approvalExpiresAt).toEqual(new Date(now.getTime() + 30 * 60_000));
    expect(tx.summary().reconciliationId).toMatch(/^[0-9A-Za-z]{22}$/);
    expect(tx.pullDecided().records.map((e) => e.name)).toEqual(['transaction.created']);
    expect(tx.authorizedAmount).toBe(0);
  });

  it.each([
    [{ amount: 0 }, InvalidAmountError, '/amount'],
    [{ amount: -100 }, InvalidAmountError, '/amount'],
    [{ amount: 10.5 }, InvalidAmountError, '/amount'],
    [{ amount: 100_000_000 }, InvalidAmountError, '/amount'],
    [{ currency: 'USD' }, UnsupportedCurrencyError, '/currency'],
    [{ country: 'US' }, UnsupportedCountryError, '/country'],
    [{ paymentMethod: 'card' }, InvalidFieldError, '/payment_method/method'],
  ])('refuses %p', (overrides, type, field) => {
    const error = errorOf(() => create(overrides));
    expect(error).toBeInstanceOf(type);
    expect(error.field).toBe(field);
  });

  it.each([
    ['firstName', '/buyer/billing_details/first_name'],
    ['lastName', '/buyer/billing_details/last_name'],
    ['emailAddress', '/buyer/billing_details/email_address'],
  ] as const)('requires billing %s (Smartpay needs it on every transaction)', (field, pointer) => {
    const error = errorOf(() => create({ billingDetails: { ...TEST_PERSON, [field]: '  ' } }));
    expect(error).toBeInstanceOf(MissingRequiredFieldError);
    expect(error.field).toBe(pointer);
  });

  it.each(['line1', 'city', 'state', 'postalCode'] as const)('requires shipping address %s', (field) => {
    const error = errorOf(() =>
      create({ shippingDetails: { ...TEST_PERSON, address: { ...TEST_PERSON.address, [field]: '' } } }),
    );
    expect(error).toBeInstanceOf(MissingRequiredFieldError);
    expect(error.field).toMatch(/^\/shipping_details\/address\//);
  });

  it.each([
    ['billingDetails', '/buyer/billing_details/address/city'],
    ['shippingDetails', '/shipping_details/address/city'],
  ] as const)("refuses a %s city longer than Smartpay's 80 characters, naming it", (person, pointer) => {
    const city = (length: number) => ({
      ...TEST_PERSON,
      address: { ...TEST_PERSON.address, city: 'あ'.repeat(length) },
    });
    expect(() => create({ [person]: city(80) })).not.toThrow();
    const error = errorOf(() => create({ [person]: city(81) }));
    expect(error).toBeInstanceOf(InvalidFieldError);
    expect(error.field).toBe(pointer);
  });

  it('requires shipping details and a Japanese address', () => {
    expect(errorOf(() => create({ shippingDetails: undefined })).field).toBe('/shipping_details');
    const abroad = { ...TEST_PERSON, address: { ...TEST_PERSON.address, country: 'US' } };
    expect(errorOf(() => create({ billingDetails: abroad }))).toBeInstanceOf(UnsupportedCountryError);
  });

  const item = (unitAmount: number, extra: Partial<CartItem> = {}): CartItem => ({
    name: 'Matcha',
    quantity: 1,
    unitAmount,
    discountAmount: 0,
    taxAmount: 0,
    ...extra,
  });

  it('accepts up to 249 cart items whose lines add up to the amount (qty × unit − discount + tax)', () => {
    const items = Array.from({ length: 249 }, () => item(40));
    items[0] = item(100, { quantity: 3, discountAmount: 50, taxAmount: 30 }); // 280
    expect(create({ amount: 248 * 40 + 280, cartItems: items }).status).toBe('processing');
  });

  it('refuses 250 cart items and a cart that does not add up', () => {
    expect(() => create({ amount: 250 * 40, cartItems: Array.from({ length: 250 }, () => item(40)) })).toThrow(
      TooManyCartItemsError,
    );
    expect(() => create({ amount: 1000, cartItems: [item(999)] })).toThrow(CartItemsTotalMismatchError);
  });
});

describe('Transaction: buyer approval', () => {
  it('given processing, when approval begins, then buyer_approval_pending with the approval URL', () => {
    const tx = pendingApprovalTransaction(now);
    expect(tx.status).toBe('buyer_approval_pending');
    expect(tx.summary().approvalUrl).toMatch(/^https:\/\//);
  });

  it('given pending approval, when the provider declines or fails, then authorization_declined / _failed', () => {
    const declined = pendingApprovalTransaction(now);
    declined.refuseApproval({ kind: 'declined', code: 'order.rejected', message: 'no' }, now);
    expect(declined.summary()).toMatchObject({
      status: 'authorization_declined',
      errorCode: 'declined',
      rawResponseCode: 'order.rejected',
    });
    const failed = create();
    failed.refuseApproval({ kind: 'failed', code: 'request.invalid', message: 'bad' }, now);
    expect(failed.summary()).toMatchObject({ status: 'authorization_failed', errorCode: 'service_error' });
  });

  it('expires only after the window, with incomplete_buyer_approval, and only once', () => {
    const tx = pendingApprovalTransaction(now);
    expect(tx.expireApproval(new Date(now.getTime() + 29 * 60_000))).toBe(false);
    expect(tx.expireApproval(new Date(now.getTime() + 30 * 60_000))).toBe(true);
    expect(tx.summary()).toMatchObject({
      status: 'authorization_failed',
      errorCode: 'incomplete_buyer_approval',
      approvalUrl: null,
    });
    expect(tx.summary().buyerApprovalTimedOutAt).toEqual(new Date(now.getTime() + 30 * 60_000));
    expect(tx.expireApproval(new Date(now.getTime() + 60 * 60_000))).toBe(false);
  });

  it('never expires an authorized transaction', () => {
    const tx = authorizedTransaction(now);
    expect(tx.expireApproval(new Date(now.getTime() + 365 * 86_400_000))).toBe(false);
    expect(tx.status).toBe('authorization_succeeded');
  });

  it('cancels only while approval is pending', () => {
    const pending = pendingApprovalTransaction(now);
    pending.cancel(now);
    expect(pending.summary()).toMatchObject({
      status: 'authorization_failed',
      errorCode: 'canceled_buyer_approval',
      canceledAt: now,
    });
    expect(pending.pullDecided().records.at(-1)?.name).toBe('transaction.canceled');
    expect(() => authorizedTransaction(now).cancel(now)).toThrow(CancelNotAllowedError);
    expect(() => pending.cancel(now)).toThrow(CancelNotAllowedError);
  });

  it('refuses to begin approval twice', () => {
    const tx = pendingApprovalTransaction(now);
    expect(() =>
      tx.beginApproval({ approvalUrl: 'x', approvalExpiresAt: now, providerSessionId: 's', providerOrderId: 'o' }, now),
    ).toThrow(InvalidStateTransitionError);
  });
});
