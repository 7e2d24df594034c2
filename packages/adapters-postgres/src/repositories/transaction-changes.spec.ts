import { SMARTPAY_CAPABILITIES as SMARTPAY } from '@kessai/domain';
import { authorizedTransaction } from '@kessai/domain/testing';
import fc from 'fast-check';
import { changedChildren, sameFlatRecord } from './transaction-changes';

const value = fc.oneof(
  fc.constantFrom(null, true, false, 0, 1, 'a', 'b', ''),
  fc.date({ min: new Date(0), max: new Date(2), noInvalidDate: true }),
  fc.array(fc.constantFrom('x', 'y'), { maxLength: 2 }),
);
const child = fc.record({ id: fc.constantFrom('c1', 'c2'), amount: value, at: value, ids: value, note: value });

describe('sameFlatRecord (which children an update writes)', () => {
  it('never calls two children the same when their JSON differs, and always when one is a copy of the other', () => {
    fc.assert(
      fc.property(child, child, (a, b) => {
        if (JSON.stringify(a) !== JSON.stringify(b)) expect(sameFlatRecord(a, b)).toBe(false);
        expect(sameFlatRecord(a, structuredClone(a))).toBe(true);
      }),
      { numRuns: 5000 },
    );
  });

  it('writes the children a change touched, and only those', () => {
    const before = authorizedTransaction(new Date('2026-03-01T10:00:00Z'));
    before.reserveCapture({ captureId: 'c1', amount: 100, final: false }, SMARTPAY, new Date('2026-03-01T10:01:00Z'));
    before.reserveCapture({ captureId: 'c2', amount: 100, final: false }, SMARTPAY, new Date('2026-03-01T10:02:00Z'));
    const loaded = before.toData();
    before.recordCaptureOutcome(
      'c2',
      { kind: 'succeeded', value: { providerCaptureId: 'p2' } },
      new Date('2026-03-01T10:03:00Z'),
    );
    const { captures } = changedChildren(before.toData(), loaded);
    expect(captures.map((row) => row.id)).toEqual(['c2']);
    expect(changedChildren(before.toData(), undefined).captures).toHaveLength(2);
  });
});
