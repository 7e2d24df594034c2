/** Sends one merchant account may have in flight in one process (the worker runs 4 jobs at a time). */
export const MAX_SENDS_IN_FLIGHT_PER_MERCHANT = 2;

/**
 * This process's count of webhook sends in flight, by merchant account. A merchant whose receivers hang holds at
 * most `perMerchant` of the shared job slots (each for up to the send timeout); the rest stay free for others.
 */
export class MerchantSendSlots {
  private readonly inFlight = new Map<string, number>();

  constructor(private readonly perMerchant = MAX_SENDS_IN_FLIGHT_PER_MERCHANT) {}

  /** A slot and its release, or undefined when the merchant account already has all its slots in use. */
  tryTake(merchantAccountId: string): (() => void) | undefined {
    const taken = this.inFlight.get(merchantAccountId) ?? 0;
    if (taken >= this.perMerchant) return undefined;
    this.inFlight.set(merchantAccountId, taken + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const left = (this.inFlight.get(merchantAccountId) ?? 1) - 1;
      if (left > 0) this.inFlight.set(merchantAccountId, left);
      else this.inFlight.delete(merchantAccountId);
    };
  }
}
