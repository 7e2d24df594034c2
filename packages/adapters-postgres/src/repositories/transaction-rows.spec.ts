import { SMARTPAY_CAPABILITIES as SMARTPAY, Transaction } from '@kessai/domain';
import { authorizedTransaction } from '@kessai/domain/testing';
import {
  allChildRows,
  insertedRow,
  namedChildRows,
  storedState,
  transactionSummary,
  updatedColumns,
} from './transaction-rows';

const at = (minute: number) => new Date(`2026-03-01T10:0${minute}:00Z`);

/** A transaction with two pending captures, as stored, and the aggregate rebuilt from it to decide on. */
function twoCaptures() {
  const before = authorizedTransaction(at(0));
  before.reserveCapture({ captureId: 'c1', amount: 100, final: false }, SMARTPAY, at(1));
  before.reserveCapture({ captureId: 'c2', amount: 100, final: false }, SMARTPAY, at(2));
  before.pullDecided();
  return Transaction.rehydrate(before.state, 1);
}

describe('the rows a unit of work writes', () => {
  it('writes the children the decided events name, and only those, at their place in the state', () => {
    const tx = twoCaptures();
    tx.recordCaptureOutcome('c2', { kind: 'succeeded', value: { providerCaptureId: 'p2' } }, at(3));
    const { captures, refunds } = namedChildRows(tx.state, tx.pullDecided().events);
    expect(captures).toEqual([expect.objectContaining({ id: 'c2', position: 1, status: 'succeeded' })]);
    expect(refunds).toEqual([]);
    expect(allChildRows(tx.state).captures).toHaveLength(2);
  });

  it('writes a child once however many decided events name it', () => {
    const tx = twoCaptures();
    tx.recordCaptureOutcome('c1', { kind: 'unknown', reason: 'timeout' }, at(3));
    tx.applyProviderSnapshot(
      {
        providerOrderId: tx.summary().providerOrderId ?? '',
        status: 'authorized',
        rawStatus: 'authorized',
        amount: 10_000,
        currency: 'JPY',
        payments: [{ providerPaymentId: 'p1', amount: 100, reference: 'c1', createdAt: at(3) }],
        refunds: [],
        authorizationExpiresAt: null,
      },
      at(3),
    );
    const { captures } = namedChildRows(tx.state, tx.pullDecided().events);
    expect(captures.map((row) => row.id)).toEqual(['c1']);
  });

  it('writes the merchant references only when they were updated, and never what is fixed at creation', () => {
    const tx = twoCaptures();
    tx.recordCaptureOutcome('c1', { kind: 'succeeded', value: { providerCaptureId: 'p1' } }, at(3));
    const captured = updatedColumns(tx.state, 2, 5, tx.pullDecided().events);
    expect(captured).toMatchObject({ status: 'capture_pending', captured_amount: 100, version: 2, event_count: 5 });
    expect(captured).not.toHaveProperty('metadata');
    expect(captured).not.toHaveProperty('billing_details');
    tx.updateReferences({ metadata: { erp: 'SO-9' } }, at(4));
    const updated = updatedColumns(tx.state, 3, 6, tx.pullDecided().events);
    expect(updated).toMatchObject({ metadata: JSON.stringify({ erp: 'SO-9' }) });
    expect(updated).not.toHaveProperty('amount');
  });

  it('reads back from the rows it writes the same state and summary', () => {
    const tx = twoCaptures();
    tx.recordCaptureOutcome('c1', { kind: 'declined', code: 'order.cannot-capture', message: 'no' }, at(3));
    const row = readBack(tx);
    const children = allChildRows(tx.state);
    const asRead = (rows: object[]) => rows.map((r) => JSON.parse(JSON.stringify(r)) as Record<string, unknown>);
    expect(storedState(row, asRead(children.captures), asRead(children.refunds))).toEqual(tx.state);
    expect(transactionSummary(row)).toEqual(tx.summary());
  });
});

/** The row as PostgreSQL hands it back: JSON columns parsed, everything else as written. */
function readBack(tx: Transaction): Record<string, unknown> {
  const row: Record<string, unknown> = insertedRow(tx.state, tx.version, 5);
  for (const column of ['billing_details', 'shipping_details', 'cart_items', 'metadata', 'buyer'])
    if (typeof row[column] === 'string') row[column] = JSON.parse(row[column] as string);
  return row;
}
