import type { SignInAttemptLog } from '../../dashboard-users/sign-in-attempt-log';
import type { RecentAttempts } from '../../dashboard-users/sign-in-throttle';

export interface SignInAttemptLogHarness {
  attempts: SignInAttemptLog;
  /** The same log as another process sees it (its own connections), where the adapter has processes. */
  otherProcess?: SignInAttemptLog;
  close?: () => Promise<void>;
}

const at = (minute: number) => new Date(Date.UTC(2026, 2, 1, 10, minute));
const never = () => null;

/** The behaviour every SignInAttemptLog must show (ports/sign-in-attempt-log.ts). */
export function describeSignInAttemptLogContract(
  name: string,
  makeHarness: () => Promise<SignInAttemptLogHarness>,
): void {
  describe(`${name} (SignInAttemptLog contract)`, () => {
    let harness: SignInAttemptLogHarness;
    let email: string;
    let address: string;
    beforeEach(async () => {
      harness = await makeHarness();
      const tag = Math.random().toString(36).slice(2, 10);
      email = `ops-${tag}@shop.example.jp`;
      address = `198.51.100.${Math.floor(Math.random() * 250)}-${tag}`;
    });
    afterEach(async () => {
      await harness.close?.();
    });
    const log = () => harness.attempts;
    const record = async (key: { email: string; address: string }, when: Date) => {
      const admission = await log().admit(key, { since: when, at: when }, never);
      if (!admission.admitted) throw new Error('not admitted');
      return admission.attempt;
    };
    /** What an admission would see, without admitting one. */
    const seen = async (since: Date) => {
      let recent: RecentAttempts | undefined;
      const admission = await log().admit({ email, address }, { since, at: at(30) }, (found) => {
        recent = found;
        return at(59);
      });
      expect(admission).toEqual({ admitted: false, lockedUntil: at(59) });
      return recent;
    };

    it('shows an admission the attempts since a time, newest first, by e-mail and by address separately', async () => {
      await record({ email, address }, at(1));
      await record({ email, address: `${address}-b` }, at(3));
      await record({ email: `b-${email}`, address }, at(2));
      await record({ email, address }, at(0));
      expect(await seen(at(1))).toEqual({ byEmail: [at(3), at(1)], byAddress: [at(2), at(1)] });
    });

    it('records an attempt only when admitted: a refused one is not counted', async () => {
      const first = await log().admit({ email, address }, { since: at(0), at: at(1) }, never);
      expect(first).toEqual({ admitted: true, attempt: { id: expect.any(String), email } });
      await seen(at(0)); // refused: must leave nothing behind
      expect(await seen(at(0))).toEqual({ byEmail: [at(1)], byAddress: [at(1)] });
    });

    it('forgets, once an attempt signs in, it and its e-mail’s earlier attempts, but not later ones or other e-mails’', async () => {
      await record({ email, address }, at(1));
      await record({ email: `b-${email}`, address }, at(2));
      const signing = await record({ email, address }, at(3));
      await record({ email, address }, at(4));
      await log().signedIn(signing);
      expect(await seen(at(0))).toEqual({ byEmail: [at(4)], byAddress: [at(4), at(2)] });
    });

    it('forgets a withdrawn attempt, and only it', async () => {
      await record({ email, address }, at(1));
      const withdrawn = await record({ email, address }, at(2));
      await log().withdraw(withdrawn);
      expect(await seen(at(0))).toEqual({ byEmail: [at(1)], byAddress: [at(1)] });
    });

    it('admits 30 parallel attempts one at a time, across processes: a limit of 5 lets exactly 5 through', async () => {
      const logs = [log(), harness.otherProcess ?? log()];
      const limitOfFive = (recent: RecentAttempts) => (recent.byEmail.length >= 5 ? at(59) : null);
      const admissions = await Promise.all(
        Array.from({ length: 30 }, (_, i) =>
          (logs[i % 2] as SignInAttemptLog).admit(
            { email, address: `${address}-${i}` },
            { since: at(0), at: at(1) },
            limitOfFive,
          ),
        ),
      );
      expect(admissions.filter((admission) => admission.admitted)).toHaveLength(5);
    });

    it('prunes attempts older than a time, at most `limit` at a time, and keeps younger ones', async () => {
      // Long before the other tests' attempts, so a shared database holds no other attempt this old.
      const old = (minute: number) => new Date(Date.UTC(2020, 0, 1, 10, minute));
      for (const minute of [1, 2, 3, 5]) await record({ email, address }, old(minute));
      expect(await log().prune(old(4), 2)).toBe(2);
      expect(await log().prune(old(4), 2)).toBe(1);
      expect(await log().prune(old(4), 2)).toBe(0);
      expect(await seen(old(0))).toEqual({ byEmail: [old(5)], byAddress: [old(5)] });
    });
  });
}
