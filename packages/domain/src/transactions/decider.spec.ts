import { SMARTPAY_CAPABILITIES } from '../connectors/capability-profile';
import {
  CancelNotAllowedError,
  CaptureAfterFinalError,
  CaptureExceedsAuthorizedError,
  type DomainError,
  InvalidStateTransitionError,
  NothingToRefundError,
  RefundExceedsCapturedError,
  VoidNotAllowedError,
} from '../errors';
import { Money, storedAmount } from '../money';
import { newTransactionInput, providerSnapshot } from '../testing/fixtures';
import { decide } from './decide';
import { decideCreation } from './decide-approval';
import { evolve } from './evolve';
import { statusOf } from './status-of';
import type { TransactionCommand } from './transaction-commands';
import type { TransactionEvent } from './transaction-events';
import { NO_FAILURE, type TransactionState } from './transaction-state';

const t0 = new Date('2026-03-01T10:00:00.000Z');
const at = (ms: number) => new Date(t0.getTime() + ms);
const caps = SMARTPAY_CAPABILITIES;
const jpy = (amount: number) => Money.of(amount, 'JPY');
const order = { sessionId: 'checkout_1', orderId: 'order_1' };

const created = decideCreation(newTransactionInput({ amount: 10_000 }), caps, t0);
const approvalStarted: TransactionEvent = {
  type: 'approval_started',
  at: t0,
  url: 'https://checkout.example/order_1',
  order,
  approvalExpiresAt: at(30 * 60_000),
};
const authorized: TransactionEvent = { type: 'authorized', at: at(1), order };
const captureReserved = (id: string, amount: number, final = false): TransactionEvent => ({
  type: 'capture_reserved',
  at: at(2),
  capture: {
    id,
    amount: storedAmount(amount),
    final,
    status: 'pending',
    providerCaptureId: null,
    external: false,
    failure: NO_FAILURE,
    createdAt: at(2),
    updatedAt: at(2),
  },
});
const captured = (id: string): TransactionEvent => ({
  type: 'capture_succeeded',
  at: at(3),
  captureId: id,
  providerCaptureId: `payment_${id}`,
});

/** given(events).when(command).thenEmits(events) or .thenThrows(error): the decider's rules, read aloud. */
function given(...history: TransactionEvent[]) {
  const state = history.reduce<TransactionState | undefined>(evolve, undefined) as TransactionState;
  return {
    state,
    when(command: TransactionCommand, now = at(10)) {
      const run = () => decide(command, state, { now, newId: () => 'new-id' });
      return {
        thenEmits: (expected: TransactionEvent[]) => expect(run()).toEqual(expected),
        thenThrows: (error: new (...args: never[]) => DomainError) => expect(run).toThrow(error),
      };
    },
  };
}

describe('the Transaction decider', () => {
  it('derives the status from the state alone', () => {
    expect(statusOf(given(created).state)).toBe('processing');
    expect(statusOf(given(created, approvalStarted).state)).toBe('buyer_approval_pending');
    expect(statusOf(given(created, approvalStarted, authorized).state)).toBe('authorization_succeeded');
    expect(statusOf(given(created, approvalStarted, authorized, captureReserved('c1', 4000)).state)).toBe(
      'capture_pending',
    );
    expect(
      statusOf(given(created, approvalStarted, authorized, captureReserved('c1', 4000), captured('c1')).state),
    ).toBe('capture_succeeded');
  });

  it('cancels only while the buyer has not approved', () => {
    given(created, approvalStarted)
      .when({ type: 'cancel' })
      .thenEmits([
        {
          type: 'refused',
          at: at(10),
          outcome: 'failed',
          reason: 'canceled',
          failure: { errorCode: 'canceled_buyer_approval', rawResponseCode: null, rawResponseDescription: null },
        },
      ]);
    given(created, approvalStarted, authorized).when({ type: 'cancel' }).thenThrows(CancelNotAllowedError);
  });

  it('expires an approval only once its window has passed', () => {
    given(created, approvalStarted).when({ type: 'expire_approval' }, at(60_000)).thenEmits([]);
    given(created, approvalStarted)
      .when({ type: 'expire_approval' }, at(30 * 60_000))
      .thenEmits([expect.objectContaining({ type: 'refused', reason: 'expired' })]);
  });

  it('refuses a capture before authorization', () => {
    given(created, approvalStarted)
      .when({ type: 'reserve_capture', captureId: 'c1', amount: jpy(100), capabilities: caps })
      .thenThrows(InvalidStateTransitionError);
  });

  it('reserves a capture of what is left when no amount is asked, final by default', () => {
    given(created, approvalStarted, authorized, captureReserved('c1', 4000))
      .when({ type: 'reserve_capture', captureId: 'c2', capabilities: caps })
      .thenEmits([
        {
          type: 'capture_reserved',
          at: at(10),
          capture: expect.objectContaining({ id: 'c2', amount: 6000, final: true, status: 'pending' }),
        },
      ]);
  });

  it('reserves nothing for a capture id it already knows (a retried request)', () => {
    given(created, approvalStarted, authorized, captureReserved('c1', 4000))
      .when({ type: 'reserve_capture', captureId: 'c1', amount: jpy(4000), capabilities: caps })
      .thenEmits([]);
  });

  it('never captures more than was authorized, counting pending captures', () => {
    given(created, approvalStarted, authorized, captureReserved('c1', 6000))
      .when({ type: 'reserve_capture', captureId: 'c2', amount: jpy(4001), final: false, capabilities: caps })
      .thenThrows(CaptureExceedsAuthorizedError);
  });

  it('captures nothing after a final capture', () => {
    given(created, approvalStarted, authorized, captureReserved('c1', 4000, true), captured('c1'))
      .when({ type: 'reserve_capture', captureId: 'c2', amount: jpy(100), capabilities: caps })
      .thenThrows(CaptureAfterFinalError);
  });

  it('settles a pending capture on success, and ignores an unknown outcome', () => {
    const history = [created, approvalStarted, authorized, captureReserved('c1', 4000)];
    given(...history)
      .when({ type: 'record_capture_outcome', captureId: 'c1', outcome: { kind: 'unknown', reason: 'timeout' } })
      .thenEmits([]);
    given(...history)
      .when({
        type: 'record_capture_outcome',
        captureId: 'c1',
        outcome: { kind: 'succeeded', value: { providerCaptureId: 'payment_c1' } },
      })
      .thenEmits([{ type: 'capture_succeeded', at: at(10), captureId: 'c1', providerCaptureId: 'payment_c1' }]);
  });

  it('voids only an authorization nothing was captured from', () => {
    given(created, approvalStarted, authorized)
      .when({ type: 'reserve_void', capabilities: caps })
      .thenEmits([{ type: 'void_reserved', at: at(10) }]);
    given(created, approvalStarted, authorized, { type: 'void_reserved', at: at(2) })
      .when({ type: 'reserve_void', capabilities: caps })
      .thenEmits([]);
    given(created, approvalStarted, authorized, captureReserved('c1', 100))
      .when({ type: 'reserve_void', capabilities: caps })
      .thenThrows(VoidNotAllowedError);
  });

  it('refunds only captured money', () => {
    given(created, approvalStarted, authorized, captureReserved('c1', 4000))
      .when({ type: 'reserve_refund', refundId: 'r1', capabilities: caps })
      .thenThrows(NothingToRefundError);
    given(created, approvalStarted, authorized, captureReserved('c1', 4000), captured('c1'))
      .when({ type: 'reserve_refund', refundId: 'r1', amount: jpy(4001), capabilities: caps })
      .thenThrows(RefundExceedsCapturedError);
  });

  it('authorizes from a provider report, then records a payment it made on its own as an external capture', () => {
    const snapshot = providerSnapshot({
      providerOrderId: 'order_1',
      status: 'completed',
      payments: [{ providerPaymentId: 'payment_auto', amount: 10_000, reference: null, createdAt: t0 }],
    });
    given(created, approvalStarted)
      .when({ type: 'apply_provider_snapshot', snapshot, unmatchedGraceMs: 120_000 })
      .thenEmits([
        { type: 'authorized', at: at(10), order },
        {
          type: 'external_capture_found',
          at: at(10),
          capture: expect.objectContaining({ id: 'new-id', amount: 10_000, final: true, status: 'succeeded' }),
        },
      ]);
  });

  it('ignores a provider report about another order', () => {
    given(created, approvalStarted, authorized)
      .when({
        type: 'apply_provider_snapshot',
        snapshot: providerSnapshot({ providerOrderId: 'order_other', status: 'canceled' }),
        unmatchedGraceMs: 120_000,
      })
      .thenEmits([]);
  });

  describe('a partly-made refund', () => {
    const refundReserved: TransactionEvent = {
      type: 'refund_reserved',
      at: at(4),
      refund: {
        id: 'r1',
        amount: storedAmount(6000),
        reason: null,
        externalIdentifier: null,
        status: 'processing',
        providerRefundIds: [],
        refundedAtProvider: storedAmount(0),
        external: false,
        failure: NO_FAILURE,
        createdAt: at(4),
        updatedAt: at(4),
      },
    };
    const history = [created, approvalStarted, authorized, captureReserved('c1', 10_000, true), captured('c1')];
    const part = { providerRefundId: 'rf-1', providerPaymentId: 'payment_c1', amount: 2000, reference: 'r1' };
    const parts = [{ ...part, status: 'succeeded' as const, createdAt: t0 }];

    it('claims sending the rest only once its last call has long ended', () => {
      const claim = { type: 'claim_refund_rest' as const, refundId: 'r1', found: storedAmount(2000), afterMs: 600_000 };
      given(...history, refundReserved)
        .when(claim, at(599_000))
        .thenEmits([]);
      given(...history, refundReserved)
        .when(claim, at(600_004))
        .thenEmits([{ type: 'refund_rest_requested', at: at(600_004), refundId: 'r1', found: storedAmount(2000) }]);
    });

    it('settles at what the provider refunded when it refuses the rest', () => {
      given(...history, refundReserved)
        .when({
          type: 'record_refund_rest',
          refundId: 'r1',
          outcome: { kind: 'declined', code: 'refund_rejected', message: 'no' },
          parts,
        })
        .thenEmits([
          {
            type: 'refund_settled_short',
            at: at(10),
            refundId: 'r1',
            refunded: storedAmount(2000),
            providerRefundIds: ['rf-1'],
            code: 'refund_rejected',
            message: 'no',
          },
        ]);
    });
  });
});
