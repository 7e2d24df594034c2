import { SMARTPAY_CAPABILITIES } from '../connectors/capability-profile';
import { authorizedTransaction } from '../testing/fixtures';
import { voidOutcomeOf } from './void-outcome';

describe('voidOutcomeOf', () => {
  const now = new Date('2026-03-01T10:00:00.000Z');
  const voided = (outcome: Parameters<ReturnType<typeof authorizedTransaction>['recordVoidOutcome']>[0] | null) => {
    const tx = authorizedTransaction(now);
    tx.reserveVoid(SMARTPAY_CAPABILITIES, now);
    if (outcome) tx.recordVoidOutcome(outcome, now);
    return voidOutcomeOf(tx.summary());
  };

  it('succeeded once voided, pending while the outcome is unknown, with no codes', () => {
    const none = { errorCode: null, rawResponseCode: null, rawResponseDescription: null };
    expect(voided({ kind: 'succeeded', value: undefined })).toEqual({ status: 'succeeded', ...none });
    expect(voided(null)).toEqual({ status: 'pending', ...none });
  });

  it("declined or failed with the attempt's error code, the authorization kept", () => {
    const declined = voided({ kind: 'declined', code: 'order.cannot-cancel', message: 'no' });
    expect(declined).toMatchObject({ status: 'declined', errorCode: 'declined' });
    const failed = voided({ kind: 'failed', code: 'provider_error', message: 'down' });
    expect(failed.status).toBe('failed');
    expect(failed.errorCode).not.toBeNull();
    expect(failed.errorCode).not.toBe('declined');
  });
});
