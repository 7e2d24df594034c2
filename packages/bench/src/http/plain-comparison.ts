import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { alternate, range, type Side, type Summary } from './alternate';
import { startChildServer } from './child-server';
import { COST, type CostCounters, hotUpdatesOf, updatesOf } from './database-cost';
import type { LoadOptions } from './load';
import type { BenchOptions } from './options';
import { createPlainSchema, PLAIN_SCHEMA } from './plain-endpoint/schema';
import { rawCaptureFixture, runRawCapturePath } from './raw-capture-path';
import { captureRequests, readRequests } from './requests';
import type { Row } from './row';

type Loads = (seconds: number) => LoadOptions;

/** Kessai's API process as the comparisons see it. */
export interface KessaiUnderTest {
  url: string;
  /** Authorization (one token, reused) and whatever else every request carries. */
  headers: Record<string, string>;
  /** Transactions only the comparisons capture (so earlier loads leave them as they were seeded, plus one capture). */
  captureIds: string[];
  /** Transactions only the comparisons read: each is given one capture first, on both sides. */
  readIds: string[];
  cpuSeconds(): number;
}

/**
 * Kessai against the plain Fastify + pg endpoint (`plain-endpoint/`) on the same PostgreSQL, capture and GET, at
 * the same concurrency with the same load generator, alternating. The plain endpoint has no authentication.
 */
export async function plainComparison(
  databaseUrl: string,
  rawDatabaseUrl: string,
  kessai: KessaiUnderTest,
  options: BenchOptions & { databaseCpuSeconds?: () => number; costs?: () => Promise<CostCounters> },
): Promise<{ rows: Row[]; plainPeakRssMb: number; plainCapture: Summary }> {
  const [plainCaptureIds = [], plainReadIds = []] = await createPlainSchema(databaseUrl, [
    kessai.captureIds.length,
    kessai.readIds.length,
  ]);
  const plain = await startChildServer<{ port: number }>(join(__dirname, 'plain-endpoint/server.js'), [], {
    DATABASE_URL: databaseUrl,
    DATABASE_POOL_MAX: String(Math.max(4, options.connections)),
  });
  const plainUrl = `http://127.0.0.1:${plain.info.port}`;
  // Once through the API first: later captures take the repository's recent-state path, as in the capture row.
  await captureOnce(kessai.url, kessai.headers, [...kessai.captureIds, ...kessai.readIds]);
  await captureOnce(plainUrl, {}, [...plainCaptureIds, ...plainReadIds]);
  const kessaiBytes = await responseBytes(`${kessai.url}/transactions/${kessai.readIds[0]}`, kessai.headers);
  const plainBytes = await responseBytes(`${plainUrl}/transactions/${plainReadIds[0]}`, {});
  console.log(`  GET response size: Kessai ${kessaiBytes} bytes, plain endpoint ${plainBytes} bytes`);
  const target = (url: string, headers: Record<string, string>) => ({
    url,
    headers,
    connections: options.connections,
  });
  const sides = (kessaiLoad: Loads, plainLoad: Loads): Side[] => [
    { name: 'Kessai', cpuSeconds: kessai.cpuSeconds, prepare: async (seconds) => kessaiLoad(seconds) },
    { name: 'plain endpoint', cpuSeconds: plain.cpuSeconds, prepare: async (seconds) => plainLoad(seconds) },
  ];

  // Kessai's own capture statements with nothing around them: how close any API on them could come to the plain one.
  const raw = await rawCaptureFixture(rawDatabaseUrl, options.connections);
  const bare: Side = {
    name: "Kessai's capture statements from raw pg",
    cpuSeconds: () => {
      const { user, system } = process.cpuUsage();
      return (user + system) / 1e6;
    },
    prepare: async (seconds) => ({
      label: 'raw pg, the capture path’s statements',
      url: '',
      connections: options.connections,
      seconds,
      run: (s) => runRawCapturePath(raw, options.connections, s),
    }),
  };
  console.log('  capture, Kessai vs the plain endpoint vs Kessai’s statements from raw pg (alternating):');
  const [kessaiCapture, plainCapture, bareCapture] = await alternate(
    [
      ...sides(
        captureRequests(target(kessai.url, kessai.headers), kessai.captureIds),
        captureRequests(target(plainUrl, {}), plainCaptureIds),
      ),
      bare,
    ],
    options,
  );
  await raw.close();
  console.log('  GET, Kessai vs the plain endpoint (alternating):');
  const [kessaiRead, plainRead] = await alternate(
    sides(
      readRequests(target(kessai.url, kessai.headers), kessai.readIds),
      readRequests(target(plainUrl, {}), plainReadIds),
    ),
    options,
  );
  const plainPeakRssMb = plain.peakRssMb();
  await plain.stop();
  if (!kessaiCapture || !plainCapture || !bareCapture || !kessaiRead || !plainRead) {
    throw new Error('a comparison measured nothing');
  }
  warnIfRefused('capture', bareCapture);
  const how = `${options.connections} connections, ${options.rounds} rounds each, alternating`;
  return {
    plainPeakRssMb,
    plainCapture,
    rows: [
      ...comparisonRows('capture', kessaiCapture, plainCapture, how, '≥ 0.8', 'p99 ≤ 1.5× plain'),
      {
        benchmark: `capture: Kessai's own statements (the reservation with the key's claim, the outcome with the stored answer: two commits; the rollup's upsert left out) sent by raw pg from the load process, no HTTP, no API, vs the plain endpoint (one commit, over HTTP): the ceiling of the row above (rounds: ${range(bareCapture, (round) => round.responsesPerSecond)})`,
        kessai: bareCapture.responsesPerSecond,
        baseline: plainCapture.responsesPerSecond,
        ratio: bareCapture.responsesPerSecond / plainCapture.responsesPerSecond,
        target: '-',
      },
      {
        benchmark: 'capture: Kessai over HTTP vs its own statements from raw pg (what the API adds to its SQL)',
        kessai: kessaiCapture.responsesPerSecond,
        baseline: bareCapture.responsesPerSecond,
        ratio: kessaiCapture.responsesPerSecond / bareCapture.responsesPerSecond,
        target: '-',
      },
      ...(bareCapture.databaseCpuMsPerRequest !== undefined
        ? [
            {
              benchmark:
                "capture: PostgreSQL CPU (ms) per capture, Kessai's statements from raw pg vs the plain endpoint's",
              kessai: bareCapture.databaseCpuMsPerRequest,
              baseline: plainCapture.databaseCpuMsPerRequest ?? '-',
              ratio: plainCapture.databaseCpuMsPerRequest
                ? bareCapture.databaseCpuMsPerRequest / plainCapture.databaseCpuMsPerRequest
                : '-',
              target: '-',
            },
          ]
        : []),
      ...(options.costs ? costRows('capture', kessaiCapture, plainCapture, bareCapture) : []),
      ...comparisonRows(
        `GET (responses: ${kessaiBytes} vs ${plainBytes} bytes)`,
        kessaiRead,
        plainRead,
        how,
        '≥ 0.6',
        '-',
      ),
      ...(options.costs ? costRows('GET', kessaiRead, plainRead) : []),
    ],
  };
}

function comparisonRows(
  what: string,
  kessai: Summary,
  plain: Summary,
  how: string,
  rateTarget: string,
  p99Target: string,
): Row[] {
  warnIfRefused(what, kessai);
  warnIfRefused(what, plain);
  const rounds = (summary: Summary) => range(summary, (round) => round.responsesPerSecond);
  return [
    {
      benchmark: `${what} req/s vs the plain Fastify + pg endpoint, which has no auth (${how}; rounds: Kessai ${rounds(kessai)}, plain ${rounds(plain)})`,
      kessai: kessai.responsesPerSecond,
      baseline: plain.responsesPerSecond,
      ratio: kessai.responsesPerSecond / plain.responsesPerSecond,
      target: rateTarget,
    },
    {
      benchmark: `${what} latency p50 / p99 (ms, medians of the rounds) vs the plain endpoint; ratio of p99s`,
      kessai: `${kessai.p50} / ${kessai.p99}`,
      baseline: `${plain.p50} / ${plain.p99}`,
      ratio: kessai.p99 / plain.p99,
      target: p99Target,
    },
    {
      benchmark: `${what}: server process CPU (ms) per request vs the plain endpoint's`,
      kessai: kessai.cpuMsPerRequest,
      baseline: plain.cpuMsPerRequest,
      ratio: kessai.cpuMsPerRequest / plain.cpuMsPerRequest,
      target: '-',
    },
    ...(kessai.databaseCpuMsPerRequest !== undefined && plain.databaseCpuMsPerRequest !== undefined
      ? [
          {
            benchmark: `${what}: PostgreSQL CPU (ms, all its processes) per request, Kessai's rounds vs the plain endpoint's`,
            kessai: kessai.databaseCpuMsPerRequest,
            baseline: plain.databaseCpuMsPerRequest,
            ratio: kessai.databaseCpuMsPerRequest / plain.databaseCpuMsPerRequest,
            target: '-',
          },
        ]
      : []),
  ];
}

/**
 * What one request costs PostgreSQL in work, not time: commits, statements (top-level, and nested ones such as a
 * trigger's) and the `transactions` row updates that were HOT (no new index entry), Kessai's beside the plain
 * endpoint's and, for a capture, beside Kessai's own statements sent from raw pg.
 */
export function costRows(what: string, kessai: Summary, plain: Summary, bare?: Summary): Row[] {
  const per = (summary: Summary, name: string) => summary.countsPerRequest[name] ?? 0;
  const statements = (summary: Summary) =>
    `${per(summary, COST.statements).toFixed(2)} + ${per(summary, COST.nested).toFixed(2)} nested`;
  // Over every round of every side: each table's counts are its own side's, whichever round they reached the view in.
  const all = [kessai, plain, ...(bare ? [bare] : [])].flatMap((summary) => summary.rounds);
  const hot = (schema: string) => {
    const count = (name: string) => all.reduce((total, round) => total + (round.counts[name] ?? 0), 0);
    const updates = count(updatesOf(schema));
    return updates > 0 ? `${((100 * count(hotUpdatesOf(schema))) / updates).toFixed(0)} % of ${updates}` : '-';
  };
  const bareNote = bare
    ? `; Kessai's statements from raw pg: ${per(bare, COST.commits).toFixed(2)} commits, ${statements(bare)}`
    : '';
  const capture = what === 'capture';
  return [
    {
      benchmark: `${what}: write commits per request (transaction ids assigned), Kessai vs the plain endpoint${bareNote}`,
      kessai: per(kessai, COST.commits),
      baseline: per(plain, COST.commits),
      // A GET writes nothing: a ratio of two noises near zero says nothing.
      ratio: per(plain, COST.commits) >= 0.05 ? per(kessai, COST.commits) / per(plain, COST.commits) : '-',
      target: capture ? '≤ 2' : '-',
    },
    ...(capture
      ? [
          {
            benchmark: `capture: WAL bytes per request (server-wide; full-page images ${per(kessai, COST.fullPages).toFixed(2)} vs ${per(plain, COST.fullPages).toFixed(2)}), Kessai vs the plain endpoint${bare ? `; Kessai's statements from raw pg: ${per(bare, COST.wal).toFixed(0)}` : ''}`,
            kessai: per(kessai, COST.wal),
            baseline: per(plain, COST.wal),
            ratio: per(plain, COST.wal) ? per(kessai, COST.wal) / per(plain, COST.wal) : '-',
            target: '-',
          },
        ]
      : []),
    {
      benchmark: `${what}: statements per request (pg_stat_statements; nested: a trigger's or a function's), Kessai vs the plain endpoint`,
      kessai: statements(kessai),
      baseline: statements(plain),
      ratio: per(plain, COST.statements) ? per(kessai, COST.statements) / per(plain, COST.statements) : '-',
      target: capture ? '≤ 8, 0 nested' : '-',
    },
    ...(capture
      ? [
          {
            benchmark:
              'capture and GET rounds: `transactions` row updates that were HOT (n_tup_hot_upd of n_tup_upd), Kessai vs the plain endpoint',
            kessai: hot('public'),
            baseline: hot(PLAIN_SCHEMA),
            ratio: '-',
            target: 'all HOT',
          },
        ]
      : []),
  ];
}

/** Refusals would make a side look fast: they are shown, never silently averaged in. */
export function warnIfRefused(what: string, summary: Summary): void {
  if (summary.non2xx + summary.errors > 0) {
    console.warn(
      `  WARNING ${what}, ${summary.name}: ${summary.non2xx} non-2xx responses and ${summary.errors} errors were counted`,
    );
  }
}

/** One capture of 1 yen on each transaction, ten at a time, so a GET reads a transaction with a capture. */
async function captureOnce(url: string, headers: Record<string, string>, ids: string[]): Promise<void> {
  const queue = [...ids];
  await Promise.all(
    Array.from({ length: 10 }, async () => {
      for (let id = queue.pop(); id; id = queue.pop()) {
        const response = await fetch(`${url}/transactions/${id}/capture`, {
          method: 'POST',
          headers: { ...headers, 'content-type': 'application/json', 'idempotency-key': randomUUID() },
          body: '{"amount":1,"final":false}',
        });
        if (!response.ok) throw new Error(`seeding capture on ${url}: ${response.status} ${await response.text()}`);
      }
    }),
  );
}

async function responseBytes(url: string, headers: Record<string, string>): Promise<number> {
  const response = await fetch(url, { headers });
  if (!response.ok) throw new Error(`GET ${url}: ${response.status} ${await response.text()}`);
  return Buffer.byteLength(await response.text());
}
