import { MONEY_STATES as COUNTED_STATES, moneyStateOf } from '@kessai/domain';
import { MONEY_STATES, moneyOf } from '../src/money-state';
import type { Transaction } from '../src/resources';
import { aTransaction } from './transaction-fixture';

// The overview's counts come from the API, which counts with the domain's `moneyStateOf` (and its SQL twin); the
// list's badges come from the dashboard's own `moneyOf`. Both must say the same of every transaction.

const STATUSES: Transaction['status'][] = [
  'processing',
  'buyer_approval_pending',
  'authorization_succeeded',
  'authorization_declined',
  'authorization_failed',
  'capture_pending',
  'capture_succeeded',
  'authorization_void_pending',
  'authorization_voided',
];
const AMOUNTS = [
  { authorized_amount: 0, captured_amount: 0, refunded_amount: 0 },
  { authorized_amount: 12_000, captured_amount: 0, refunded_amount: 0 },
  { authorized_amount: 12_000, captured_amount: 5_000, refunded_amount: 0 },
  { authorized_amount: 12_000, captured_amount: 12_000, refunded_amount: 0 },
  { authorized_amount: 12_000, captured_amount: 5_000, refunded_amount: 3_000 },
  { authorized_amount: 12_000, captured_amount: 5_000, refunded_amount: 5_000 },
  { authorized_amount: 12_000, captured_amount: 12_000, refunded_amount: 12_000 },
];
const ENDINGS = [
  { error_code: null, canceled_at: null },
  { error_code: 'canceled_buyer_approval', canceled_at: null },
  { error_code: null, canceled_at: '2026-12-01T15:40:00.000Z' },
  { error_code: 'incomplete_buyer_approval', canceled_at: null },
];

const fixtures = STATUSES.flatMap((status) =>
  AMOUNTS.flatMap((amounts) => ENDINGS.map((ending) => aTransaction({ status, ...amounts, ...ending }))),
);

describe('the money state the overview counts and the one the list shows', () => {
  it('name the same states', () => {
    expect([...COUNTED_STATES]).toEqual([...MONEY_STATES]);
  });

  it(`agree on each of ${fixtures.length} transactions: every status, amount and ending`, () => {
    const disagreements = fixtures.filter(
      (tx) =>
        moneyOf(tx).state !==
        moneyStateOf({
          status: tx.status,
          errorCode: tx.error_code,
          canceledAt: tx.canceled_at ? new Date(tx.canceled_at) : null,
          authorizedAmount: tx.authorized_amount,
          capturedAmount: tx.captured_amount,
          refundedAmount: tx.refunded_amount,
        }),
    );
    expect(disagreements).toEqual([]);
    expect(new Set(fixtures.map((tx) => moneyOf(tx).state))).toEqual(new Set(MONEY_STATES));
  });
});
