import { SMARTPAY_CAPABILITIES, Transaction } from '@kessai/domain';
import { newTransactionInput } from '@kessai/domain/testing';
import { checkoutSessionPayload, itemsFor, MAX_LINES } from './checkout-payload';

const now = new Date('2026-03-01T10:00:00.000Z');
const lineTotal = (items: ReturnType<typeof itemsFor>) =>
  items.reduce((sum, i) => sum + (i.kind === 'discount' ? -1 : 1) * i.amount * i.quantity, 0);

describe('checkout session payload', () => {
  it('maps intent, buyer, shipping, reference and redirect URLs', () => {
    const tx = Transaction.create(
      newTransactionInput({ intent: 'capture', redirectUrl: 'https://shop.jp/back?cart=9' }),
      SMARTPAY_CAPABILITIES,
      now,
    ).state.details;
    const payload = checkoutSessionPayload(tx);
    expect(payload).toMatchObject({
      amount: 10_000,
      currency: 'JPY',
      captureMethod: 'automatic',
      reference: tx.reconciliationId,
      customerInfo: {
        firstName: 'Hanako',
        lastName: 'Yamada',
        emailAddress: 'hanako+test@example.jp',
        address: { locality: 'Shibuya-ku', administrativeArea: 'Tokyo' },
      },
      shippingInfo: {
        address: {
          line1: '1-2-3 Shibuya',
          locality: 'Shibuya-ku',
          administrativeArea: 'Tokyo',
          postalCode: '150-0002',
          country: 'JP',
        },
      },
      metadata: { kessai_transaction_id: tx.id },
    });
    const success = new URL(payload.successUrl);
    expect(success.searchParams.get('cart')).toBe('9');
    expect(success.searchParams.get('transaction_id')).toBe(tx.id);
    expect(success.searchParams.get('transaction_status')).toBe('authorization_succeeded');
    expect(new URL(payload.cancelUrl).searchParams.get('transaction_status')).toBe('authorization_failed');
    expect(payload.items).toEqual([
      { name: `Order ${tx.reconciliationId}`, amount: 10_000, quantity: 1, currency: 'JPY', kind: 'product' },
    ]);
    const manual = Transaction.create(newTransactionInput(), SMARTPAY_CAPABILITIES, now).state.details;
    expect(checkoutSessionPayload(manual).captureMethod).toBe('manual');
  });

  it('turns discount and tax into Smartpay item kinds', () => {
    const cart = [
      { name: 'Tea', quantity: 2, unitAmount: 1000, discountAmount: 300, taxAmount: 170, productType: null },
    ];
    const tx = Transaction.create(newTransactionInput({ amount: 1870, cartItems: cart }), SMARTPAY_CAPABILITIES, now)
      .state.details;
    expect(itemsFor(tx)).toEqual([
      { name: 'Tea', amount: 1000, quantity: 2, currency: 'JPY', kind: 'product' },
      { name: 'Discount: Tea', amount: 300, quantity: 1, currency: 'JPY', kind: 'discount' },
      { name: 'Tax: Tea', amount: 170, quantity: 1, currency: 'JPY', kind: 'tax' },
    ]);
  });

  it('folds 249 cart items (with discounts and tax) into 50 lines with the exact total', () => {
    const cart = Array.from({ length: 249 }, (_, i) => ({
      name: `Item ${i}`,
      quantity: 1 + (i % 3),
      unitAmount: 100 + i,
      discountAmount: i % 5 === 0 ? 50 : 0,
      taxAmount: i % 7 === 0 ? 10 : 0,
      productType: null,
    }));
    const amount = cart.reduce((s, c) => s + c.quantity * c.unitAmount - c.discountAmount + c.taxAmount, 0);
    const tx = Transaction.create(newTransactionInput({ amount, cartItems: cart }), SMARTPAY_CAPABILITIES, now).state
      .details;
    const items = itemsFor(tx);
    expect(items.length).toBeLessThanOrEqual(MAX_LINES);
    expect(lineTotal(items)).toBe(amount);
    expect(items.at(-1)?.name).toMatch(/^Other items/);
  });

  it('folds a remainder that nets negative into a discount line', () => {
    const cart = [
      ...Array.from({ length: 49 }, (_, i) => ({
        name: `Item ${i}`,
        quantity: 1,
        unitAmount: 1000,
        discountAmount: 0,
        taxAmount: 0,
        productType: null,
      })),
      { name: 'Cheap', quantity: 1, unitAmount: 10, discountAmount: 0, taxAmount: 0, productType: null },
      { name: 'Coupon', quantity: 1, unitAmount: 0, discountAmount: 0, taxAmount: 0, productType: null },
      { name: 'Promo', quantity: 1, unitAmount: 500, discountAmount: 500, taxAmount: 0, productType: null },
    ];
    const amount = 49 * 1000 + 10;
    const tx = Transaction.create(newTransactionInput({ amount, cartItems: cart }), SMARTPAY_CAPABILITIES, now).state
      .details;
    const items = itemsFor(tx);
    expect(items.length).toBeLessThanOrEqual(MAX_LINES);
    expect(lineTotal(items)).toBe(amount);
    expect(items.every((i) => i.amount >= 0)).toBe(true);
  });
});
