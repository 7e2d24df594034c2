import { type Capture, type NewTransaction, SMARTPAY_CAPABILITIES } from '@kessai/domain';
import { authorizedTransaction } from '@kessai/domain/testing';
import { type ColumnsOf, instant, value } from './table-columns';
import { CAPTURE_COLUMNS, type ChildFields, REFUND_COLUMNS, TRANSACTION_COLUMNS } from './transaction-columns';
import { allChildRows, insertedRow } from './transaction-rows';

// The type-level half runs at build time (tsc -b compiles specs): each `@ts-expect-error` must find its error.
const { updatedAt: _forgotten, ...withoutOne } = CAPTURE_COLUMNS;
// @ts-expect-error a field of the data without a column does not compile
const forgotten: ColumnsOf<ChildFields<Capture>> = withoutOne;
// @ts-expect-error a column for a field the data lacks does not compile
const unknownField = { ...CAPTURE_COLUMNS, nickname: value('nickname') } satisfies ColumnsOf<ChildFields<Capture>>;
// @ts-expect-error a Date field in a text column does not compile
const wrongKind = { ...CAPTURE_COLUMNS, createdAt: value('created_at') } satisfies ColumnsOf<ChildFields<Capture>>;
// @ts-expect-error a text field in a timestamp column does not compile
const wrongWay = { ...CAPTURE_COLUMNS, errorCode: instant('error_code') } satisfies ColumnsOf<ChildFields<Capture>>;

describe('the transaction column maps', () => {
  it('map every field a stored transaction and its children carry, optional ones included', () => {
    const tx = authorizedTransaction(new Date('2026-03-01T10:00:00Z'), {
      buyer: { id: '00000000-0000-4000-8000-000000000001', externalIdentifier: 'b-1' },
      paymentMethodExternalIdentifier: 'pm-1',
    } as Partial<NewTransaction>);
    tx.reserveCapture({ captureId: 'c1', amount: 100, final: false }, SMARTPAY_CAPABILITIES, new Date());
    tx.recordCaptureOutcome('c1', { kind: 'succeeded', value: { providerCaptureId: 'p1' } }, new Date());
    tx.reserveRefund({ refundId: 'r1', amount: 50 }, SMARTPAY_CAPABILITIES, new Date());
    const { state } = tx;
    if (state.kind !== 'authorized') throw new Error('the fixture is authorized');
    const {
      authorizedAmount: _a,
      capturedAmount: _c,
      refundedAmount: _r,
      reservedRefundAmount: _rr,
      ...own
    } = tx.summary();
    const flat = (child: object & { failure: object }) => ({ ...child, ...child.failure, failure: undefined });
    const fields = (child: object | undefined) => Object.keys(child ?? {}).filter((key) => key !== 'failure');
    expect(Object.keys(TRANSACTION_COLUMNS)).toEqual(expect.arrayContaining(Object.keys(own)));
    expect(Object.keys(CAPTURE_COLUMNS)).toEqual(
      expect.arrayContaining(fields(state.captures[0] && flat(state.captures[0]))),
    );
    expect(Object.keys(REFUND_COLUMNS)).toEqual(
      expect.arrayContaining(fields(state.refunds[0] && flat(state.refunds[0]))),
    );
    expect(insertedRow(state, 1, 4)).toMatchObject({
      buyer: JSON.stringify(state.details.buyer),
      payment_method_external_identifier: 'pm-1',
      captured_amount: 100,
      reserved_refund_amount: 50,
      event_count: 4,
    });
    expect(allChildRows(state).captures[0]).toMatchObject({ id: 'c1', provider_capture_id: 'p1', error_code: null });
  });

  it('keep the compile-time checks above alive', () => {
    expect([forgotten, unknownField, wrongKind, wrongWay]).toHaveLength(4);
  });
});
