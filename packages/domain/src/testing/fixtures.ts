import { randomUUID } from 'node:crypto';
import type { PaymentService } from '../connections/payment-service';
import { SMARTPAY_CAPABILITIES } from '../connectors/capability-profile';
import type { ProviderSnapshot } from '../connectors/provider-snapshot';
import type { PersonDetails } from '../transactions/person-details';
import { approvalDeadline } from '../transactions/timing-policy';
import { type NewTransaction, Transaction } from '../transactions/transaction';

/** Builders for tests of the domain and of any adapter (they satisfy Smartpay's required fields). */
export const TEST_PERSON: PersonDetails = {
  firstName: 'Hanako',
  lastName: 'Yamada',
  emailAddress: 'hanako+test@example.jp',
  phoneNumber: '+819012345678',
  address: {
    line1: '1-2-3 Shibuya',
    line2: null,
    city: 'Shibuya-ku',
    state: 'Tokyo',
    postalCode: '150-0002',
    country: 'JP',
  },
};

export function newTransactionInput(overrides: Partial<NewTransaction> = {}): NewTransaction {
  return {
    id: randomUUID(),
    merchantAccountId: 'default',
    paymentServiceId: '00000000-0000-4000-8000-000000000001',
    intent: 'authorize',
    amount: 10_000,
    currency: 'JPY',
    country: 'JP',
    paymentMethod: 'smartpay',
    redirectUrl: 'https://shop.example.jp/return',
    billingDetails: TEST_PERSON,
    shippingDetails: TEST_PERSON,
    cartItems: [],
    externalIdentifier: null,
    metadata: {},
    ...overrides,
  };
}

export function providerSnapshot(overrides: Partial<ProviderSnapshot> = {}): ProviderSnapshot {
  return {
    providerOrderId: 'order_test_fixture',
    status: 'authorized',
    rawStatus: 'requires_capture',
    amount: 10_000,
    currency: 'JPY',
    payments: [],
    refunds: [],
    authorizationExpiresAt: null,
    ...overrides,
  };
}

/** A transaction waiting for the buyer at the provider (`buyer_approval_pending`). */
export function pendingApprovalTransaction(now: Date, overrides: Partial<NewTransaction> = {}): Transaction {
  const transaction = Transaction.create(newTransactionInput(overrides), SMARTPAY_CAPABILITIES, now);
  const orderId = `order_test_${transaction.id.replace(/-/g, '').slice(0, 22)}`;
  transaction.beginApproval(
    {
      approvalUrl: `https://checkout.example/${orderId}`,
      approvalExpiresAt: approvalDeadline(now, SMARTPAY_CAPABILITIES),
      providerSessionId: `checkout_test_${orderId.slice(11)}`,
      providerOrderId: orderId,
    },
    now,
  );
  return transaction;
}

/** A transaction the buyer approved (`authorization_succeeded`), as a webhook + sync would leave it. */
export function authorizedTransaction(now: Date, overrides: Partial<NewTransaction> = {}): Transaction {
  const transaction = pendingApprovalTransaction(now, overrides);
  const { state } = transaction;
  if (state.kind !== 'awaiting_approval' || !state.approval) throw new Error('the fixture starts an approval');
  const orderId = state.approval.order.orderId;
  transaction.applyProviderSnapshot(providerSnapshot({ providerOrderId: orderId, amount: state.details.amount }), now);
  return transaction;
}

export function smartpayService(overrides: Partial<PaymentService> = {}): PaymentService {
  const now = new Date('2026-01-01T00:00:00.000Z');
  return {
    id: randomUUID(),
    merchantAccountId: 'default',
    connector: 'smartpay',
    displayName: 'Smartpay',
    active: true,
    credentials: { secretKey: 'sk_test_fixture', webhookSigningSecret: 'gybcsjixKyBW2d4z6iNPlaYzHUMtawnodwZt3W0q' },
    providerWebhookEndpointId: null,
    createdAt: now,
    updatedAt: now,
    ...overrides,
  };
}
