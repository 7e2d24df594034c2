import {
  Buyer$inboundSchema,
  PaymentService$inboundSchema,
  Refund$inboundSchema,
  ShippingDetails$inboundSchema,
  Transaction$inboundSchema,
  TransactionSummary$inboundSchema,
} from '@gr4vy/sdk/models/components';
import { type Buyer, type BuyerShippingDetails, type Refund, storedAmount } from '@kessai/domain';
import { authorizedTransaction, smartpayService } from '@kessai/domain/testing';
import type { z } from 'zod';
import { presentBuyer, presentShippingDetails } from './buyer-presenters';
import { presentPaymentService, presentRefund, presentTransaction } from './presenters';
import { buyerSchema, shippingDetailsSchema } from './schemas/buyer';
import { paymentServiceSchema } from './schemas/payment-service';
import { refundSchema } from './schemas/refund';
import { transactionSchema } from './schemas/transaction';

/**
 * Kessai's response schemas (what VALIDATE_RESPONSES checks) and the official Gr4vy SDK's (what its users'
 * code parses with) must agree: every presenter's output passes both, so neither can drift from the other.
 */
const now = new Date('2026-03-01T10:00:00.000Z');
const both = (ours: z.ZodType, sdk: { parse(value: unknown): unknown }, value: unknown) => {
  expect(ours.safeParse(value).error).toBeUndefined();
  expect(() => sdk.parse(value)).not.toThrow();
};

describe('response schemas agree with the Gr4vy SDK', () => {
  it('a transaction, as Transaction and as a list item', () => {
    const data = authorizedTransaction(now).summary();
    const json = presentTransaction(
      { ...data, buyer: { id: null, displayName: 'Hanako', externalIdentifier: 'c-1', accountNumber: null } },
      'Smartpay',
    );
    both(transactionSchema, Transaction$inboundSchema, json);
    both(transactionSchema, TransactionSummary$inboundSchema, json);
    both(transactionSchema, Transaction$inboundSchema, presentTransaction(data, 'Smartpay'));
  });

  it('a refund, a payment service, a buyer and shipping details', () => {
    const data = authorizedTransaction(now).state.details;
    const refund: Refund = {
      id: '0b7f0d0e-6a4f-4b55-9d1d-6a8f1c2b3d4e',
      amount: storedAmount(100),
      reason: null,
      externalIdentifier: null,
      status: 'succeeded',
      providerRefundIds: ['refund_1'],
      refundedAtProvider: storedAmount(100),
      external: false,
      failure: { errorCode: null, rawResponseCode: null, rawResponseDescription: null },
      createdAt: now,
      updatedAt: now,
    };
    both(refundSchema, Refund$inboundSchema, presentRefund(data, refund));
    const connection = { service: smartpayService(), position: 1, usedForNewTransactions: true };
    both(paymentServiceSchema, PaymentService$inboundSchema, presentPaymentService(connection, 'http://k'));
    const buyer: Buyer = {
      id: '1c7f0d0e-6a4f-4b55-9d1d-6a8f1c2b3d4e',
      merchantAccountId: 'default',
      displayName: null,
      externalIdentifier: null,
      accountNumber: null,
      billingDetails: null,
      createdAt: now,
      updatedAt: now,
    };
    both(buyerSchema, Buyer$inboundSchema, presentBuyer(buyer));
    const shipping: BuyerShippingDetails = {
      id: '2c7f0d0e-6a4f-4b55-9d1d-6a8f1c2b3d4e',
      buyerId: buyer.id,
      merchantAccountId: 'default',
      firstName: 'Hanako',
      lastName: null,
      emailAddress: null,
      phoneNumber: null,
      address: { line1: null, line2: null, city: 'Shibuya-ku', state: null, postalCode: null, country: 'JP' },
      createdAt: now,
      updatedAt: now,
    };
    both(shippingDetailsSchema, ShippingDetails$inboundSchema, presentShippingDetails(shipping));
  });
});
