import type { SignInAttemptLog } from '../../ports/sign-in-attempt-log';

export interface SignInAttemptLogHarness {
  attempts: SignInAttemptLog;
  close?: () => Promise<void>;
}

const at = (minute: number) => new Date(Date.UTC(2026, 2, 1, 10, minute));

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

    it('reads failures since a time, newest first, by e-mail and by address separately', async () => {
      await log().recordFailure({ email, address, at: at(1) });
      await log().recordFailure({ email, address: `${address}-b`, at: at(3) });
      await log().recordFailure({ email: `b-${email}`, address, at: at(2) });
      await log().recordFailure({ email, address, at: at(0) });
      expect(await log().failuresSince({ email, address }, at(1))).toEqual({
        byEmail: [at(3), at(1)],
        byAddress: [at(2), at(1)],
      });
    });

    it('forgets an e-mail’s failures on request, but not the address’s', async () => {
      await log().recordFailure({ email, address, at: at(1) });
      await log().recordFailure({ email: `b-${email}`, address, at: at(2) });
      await log().clearEmail(email);
      expect(await log().failuresSince({ email, address }, at(0))).toEqual({ byEmail: [], byAddress: [at(2)] });
    });

    it('prunes failures older than a time, at most `limit` at a time, and keeps younger ones', async () => {
      // Long before the other tests' failures, so a shared database holds no other failure this old.
      const old = (minute: number) => new Date(Date.UTC(2020, 0, 1, 10, minute));
      for (const minute of [1, 2, 3, 5]) await log().recordFailure({ email, address, at: old(minute) });
      expect(await log().prune(old(4), 2)).toBe(2);
      expect(await log().prune(old(4), 2)).toBe(1);
      expect(await log().prune(old(4), 2)).toBe(0);
      expect(await log().failuresSince({ email, address }, old(0))).toEqual({ byEmail: [old(5)], byAddress: [old(5)] });
    });
  });
}
