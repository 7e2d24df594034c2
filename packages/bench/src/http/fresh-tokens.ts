import type { JWK } from 'jose';
import { alternate, median, range, type Side, type Summary } from './alternate';
import type { LoadOptions } from './load';
import type { BenchOptions } from './options';
import { warnIfRefused } from './plain-comparison';
import { captureRequests, type PerRequestHeaders, readRequests } from './requests';
import type { Row } from './row';
import { type SignatureRate, signatureCheckRate } from './signature-rate';
import { TokenSigner } from './token-pool';

/** Kessai's API process and the private key of an API key it knows (merchant `default`). */
export interface TokenTarget {
  url: string;
  privateJwk: JWK;
  captureIds: string[];
  readIds: string[];
  cpuSeconds(): number;
}

/** Tokens checked per signature-rate measurement. */
const sample = (options: BenchOptions) => (options.quick ? 100 : 300);

type Requests = (
  target: { url: string; headers: Record<string, string>; connections: number },
  ids: string[],
  perRequest: PerRequestHeaders,
) => (seconds: number) => LoadOptions;

/**
 * A fresh SDK token per request (as `@gr4vy/sdk`'s `withToken` sends them) against one token reused, alternating,
 * with the bare signature-check rate measured before every fresh round as that row's limit. Tokens are signed in
 * the load process before each round, so the API's cost is what is measured.
 */
export async function freshTokenRows(kessai: TokenTarget, options: BenchOptions): Promise<Row[]> {
  const signer = new TokenSigner(kessai.privateJwk);
  const { d: _secret, ...publicJwk } = kessai.privateJwk;
  const rates: SignatureRate[] = [];
  try {
    await signer.sign(4); // the threads load the SDK before anything is timed
    rates.push(await measured(publicJwk, (await signer.sign(sample(options))).tokens));
    const rows: Row[] = [];
    for (const [what, requests, ids] of [
      ['GET', readRequests, kessai.readIds],
      ['capture', captureRequests, kessai.captureIds],
    ] as Array<[string, Requests, string[]]>) {
      console.log(`  ${what}, a fresh token per request vs one reused (alternating):`);
      const [reused, fresh] = await alternate(sides(kessai, requests, ids, signer, publicJwk, rates, options), options);
      if (!reused || !fresh) throw new Error('a token comparison measured nothing');
      rows.push(...tokenRows(what, reused, fresh, rates));
    }
    return rows;
  } finally {
    await signer.close();
  }
}

function sides(
  kessai: TokenTarget,
  requests: Requests,
  ids: string[],
  signer: TokenSigner,
  publicJwk: JWK,
  rates: SignatureRate[],
  options: BenchOptions,
): Side[] {
  const target = { url: kessai.url, headers: {}, connections: options.connections };
  let token = '';
  const reusedLoads = requests(target, ids, () => ({ authorization: `Bearer ${token}` }));
  let lastReusedRate = Number.POSITIVE_INFINITY;
  let pool: string[] = [];
  let next = 0;
  let overflow = 0;
  let rounds = 0;
  let running: { stop(): void } | undefined;
  const freshLoads = requests(target, ids, () => {
    if (next >= pool.length) {
      // Spent: stop (at autocannon's next tick) rather than go on reusing a token the API has cached; the
      // warm-up (the first load) may go on.
      if (rounds > 1) running?.stop();
      overflow++;
      return { authorization: `Bearer ${pool[pool.length - 1]}` };
    }
    return { authorization: `Bearer ${pool[next++]}` };
  });
  return [
    {
      name: 'reused token',
      cpuSeconds: kessai.cpuSeconds,
      prepare: async (seconds) => {
        token = (await signer.sign(1)).tokens[0] ?? '';
        return reusedLoads(seconds);
      },
      finished: (rate) => {
        lastReusedRate = rate;
      },
    },
    {
      name: 'fresh token per request',
      cpuSeconds: kessai.cpuSeconds,
      prepare: async (seconds) => {
        rounds++;
        const latest = rates[rates.length - 1]?.perCore ?? 1000;
        // Generous bounds (two cores' worth of checks, 1.5× the reused token's rate), but only as many as can be
        // signed while the oldest stays inside its 30 s: a pool that runs out only cuts the round short.
        const expected = Math.min(2 * latest, 1.5 * lastReusedRate);
        const wanted = Math.ceil(expected * seconds * 1.15) + 2 * options.connections;
        const budget = Math.max(2, 24 - seconds);
        const signed = await signer.sign(Math.min(wanted, Math.ceil(budget * signer.rate)) + sample(options), budget);
        rates.push(await measured(publicJwk, signed.tokens.splice(0, sample(options))));
        pool = signed.tokens;
        next = 0;
        overflow = 0;
        if (signed.seconds + seconds > 28) {
          console.warn(`  WARNING signing took ${signed.seconds} s: the oldest tokens near their 30 s expiry`);
        }
        return { ...freshLoads(seconds), sampleIntervalMs: 100, onStart: (instance) => (running = instance) };
      },
      finished: () => {
        if (overflow > 0 && rounds > 1) {
          console.warn(
            `  WARNING the pool of ${pool.length} tokens ran out: round cut short, ${overflow} requests reused the last token`,
          );
        }
      },
    },
  ];
}

async function measured(publicJwk: JWK, tokens: string[]): Promise<SignatureRate> {
  const rate = await signatureCheckRate(publicJwk, tokens);
  console.log(
    `    bare signature check: ${rate.perCore.toFixed(0)} per CPU-second (${(1000 / rate.perCore).toFixed(2)} ms each), ${rate.inFlight.toFixed(0)}/s wall with 16 in flight`,
  );
  return rate;
}

function tokenRows(what: string, reused: Summary, fresh: Summary, rates: SignatureRate[]): Row[] {
  warnIfRefused(`${what} with tokens`, reused);
  warnIfRefused(`${what} with tokens`, fresh);
  const perCore = median(rates.map((rate) => rate.perCore));
  const checkMs = 1000 / perCore;
  const rounds = (summary: Summary) => range(summary, (round) => round.responsesPerSecond);
  return [
    {
      benchmark: `${what} req/s, a fresh Gr4vy SDK token per request vs one token reused (rounds: fresh ${rounds(fresh)}, reused ${rounds(reused)})`,
      kessai: fresh.responsesPerSecond,
      baseline: reused.responsesPerSecond,
      ratio: fresh.responsesPerSecond / reused.responsesPerSecond,
      target: '-',
    },
    {
      benchmark: `${what} req/s with fresh tokens vs the bare ES512 (P-521) checks one core does per second (the authenticator's own check: decode, then node:crypto's ECDSA verify; median of ${rates.length} measurements in this run)`,
      kessai: fresh.responsesPerSecond,
      baseline: perCore,
      ratio: fresh.responsesPerSecond / perCore,
      target: '≥ 0.8',
    },
    {
      benchmark: `${what} with fresh tokens: requests per API CPU-second vs bare checks per CPU-second (the same limit, unmoved by other load on the machine)`,
      kessai: fresh.cpuMsPerRequest > 0 ? 1000 / fresh.cpuMsPerRequest : 0,
      baseline: perCore,
      ratio: fresh.cpuMsPerRequest > 0 ? 1000 / fresh.cpuMsPerRequest / perCore : 0,
      target: '≥ 0.8',
    },
    {
      benchmark: `${what} latency p50 / p99 (ms), fresh vs reused token; ratio of p99s`,
      kessai: `${fresh.p50} / ${fresh.p99}`,
      baseline: `${reused.p50} / ${reused.p99}`,
      ratio: fresh.p99 / reused.p99,
      target: '-',
    },
    {
      benchmark: `${what}: API CPU (ms) per request, fresh vs reused token (${(fresh.cpuMsPerRequest - reused.cpuMsPerRequest).toFixed(2)} ms more; one bare check costs ${checkMs.toFixed(2)} ms)`,
      kessai: fresh.cpuMsPerRequest,
      baseline: reused.cpuMsPerRequest,
      ratio: fresh.cpuMsPerRequest / reused.cpuMsPerRequest,
      target: '-',
    },
  ];
}
