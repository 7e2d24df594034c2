import { setTimeout as sleep } from 'node:timers/promises';
import { FakePaymentConnector } from '@kessai/domain/testing';
import { DashboardBrowser } from '../../testing/dashboard-browser';
import { type Kessai, startKessai } from '../../testing/start-kessai';

const FLOOD = 40;
const ROUNDS = 2;
const MIN_SAMPLES = 20;
jest.setTimeout(90_000);

const quantile = (times: number[], q: number) => {
  const sorted = [...times].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] as number;
};
const summary = (times: number[]) => ({ p50: quantile(times, 0.5), p90: quantile(times, 0.9) });

/** scrypt shares libuv's four threads with ES512 token checks: a sign-in flood must not starve the public API. */
describe('password hashing under a flood of sign-ins', () => {
  let api: Kessai;

  beforeAll(async () => {
    api = await startKessai({ connector: new FakePaymentConnector(), env: { TRUST_PROXY: 'true' } });
  });
  afterAll(async () => {
    await api?.close();
  });

  /**
   * GET /transactions one after another until `done` says so, each with a token never seen before (no
   * verification cache helps); the token is signed before the clock starts: only the server's side is timed.
   */
  async function freshTokenLatencies(done: () => boolean): Promise<number[]> {
    const times: number[] = [];
    while (!done() || times.length < MIN_SAMPLES) {
      const token = await api.token(['*.read']);
      const start = performance.now();
      const response = await fetch(`${api.baseUrl}/transactions`, { headers: { authorization: `Bearer ${token}` } });
      await response.arrayBuffer();
      times.push(performance.now() - start);
      expect(response.status).toBe(200);
    }
    return times;
  }

  /** 40 sign-ins for unknown e-mails at once, each from its own address (so no throttle spares the hasher). */
  const flood = (round: number) =>
    Promise.all(
      Array.from({ length: FLOOD }, (_, i) =>
        DashboardBrowser.for(api).signIn(`nobody-${round}-${i}@shop.example.jp`, 'a guessed passphrase', {
          'x-forwarded-for': `10.0.${round}.${i + 1}`,
        }),
      ),
    );

  it('fresh-token requests stay within twice their normal latency (p50 and p90) while 40 anonymous sign-ins are in', async () => {
    const for_ = (ms: number) => {
      const until = performance.now() + ms;
      return () => performance.now() >= until;
    };
    await freshTokenLatencies(for_(300)); // warm-up: JIT, key cache
    const alone: number[] = [];
    const during: number[] = [];
    const statuses: number[] = [];
    // Quiet and flooded periods alternate and last as long as each other, so a neighbour's load on a shared
    // machine weighs on both alike.
    for (let round = 0; round < ROUNDS; round++) {
      let answered = false;
      const signIns = flood(round).then((answers) => {
        answered = true;
        return answers;
      });
      await sleep(250); // the flood has arrived: what remains is the hashing it asked for
      const start = performance.now();
      during.push(...(await freshTokenLatencies(() => answered)));
      statuses.push(...(await signIns).map((answer) => answer.status));
      alone.push(...(await freshTokenLatencies(for_(performance.now() - start))));
    }

    const [normal, flooded] = [summary(alone), summary(during)];
    expect(new Set(statuses)).toEqual(new Set([401, 503]));
    const withinTwice = flooded.p50 <= 2 * normal.p50 && flooded.p90 <= 2 * normal.p90;
    expect(withinTwice ? 'within twice' : JSON.stringify({ normal, flooded })).toBe('within twice');
  });
});
