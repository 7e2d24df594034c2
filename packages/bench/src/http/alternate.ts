import { appendFileSync } from 'node:fs';
import type { CostCounters } from './database-cost';
import { type LoadOptions, load, warmUp } from './load';

/** `BENCH_TIMELINE=<file>`: each round's start and end on the monotonic clock `--cpu-prof` stamps samples with. */
const TIMELINE = process.env.BENCH_TIMELINE;
const nowUs = () => Number(process.hrtime.bigint() / 1000n);

/** One side of an alternating comparison: a server measured from outside. */
export interface Side {
  name: string;
  /** The server process's CPU seconds so far (read before and after each round). */
  cpuSeconds(): number;
  /** The load of one round (called right before it, so it may prepare e.g. a pool of tokens). */
  prepare(seconds: number): Promise<LoadOptions>;
  /** Told each load's responses per second (warm-up included), e.g. to size the next pool of tokens. */
  finished?(responsesPerSecond: number): void;
}

export interface Round {
  responsesPerSecond: number;
  p50: number;
  p99: number;
  total: number;
  duration: number;
  cpuSeconds: number;
  /** The database server's CPU in the round (all its processes), when it can be read. */
  databaseCpuSeconds?: number;
  /** CPU in the round of the other processes on the request's path (a pooler, a balancer), by name. */
  pathCpuSeconds: Record<string, number>;
  /** How much each of the counters moved in the round, by name. */
  counts: Record<string, number>;
  non2xx: number;
  errors: number;
}

export interface Summary {
  name: string;
  rounds: Round[];
  /** All rounds' responses over all rounds' time. */
  responsesPerSecond: number;
  /** Medians over the rounds. */
  p50: number;
  p99: number;
  /** The server's CPU over all rounds, per response. */
  cpuMsPerRequest: number;
  databaseCpuMsPerRequest?: number;
  pathCpuMsPerRequest: Record<string, number>;
  countsPerRequest: Record<string, number>;
  non2xx: number;
  errors: number;
}

export interface AlternateOptions {
  rounds: number;
  seconds: number;
  /** 0: no warm-up (a quick run that only checks the bench works). */
  warmUpSeconds: number;
  databaseCpuSeconds?: () => number;
  /** Processes on the request's path besides the server and the database: their CPU seconds so far, by name. */
  pathCpuSeconds?: Record<string, () => number>;
  /** Anything else counted on the way (e.g. transactions PostgreSQL rolled back): its value so far, by name. */
  counters?: Record<string, () => number>;
  /** The database's cost counters (commits, statements, HOT updates …), read before and after each round. */
  costs?: () => Promise<CostCounters>;
}

/**
 * Measures the sides in turn, A B A B …, `rounds` times each, after one short warm-up each: on a shared machine
 * only numbers taken this close together can be compared.
 */
export async function alternate(sides: Side[], options: AlternateOptions): Promise<Summary[]> {
  const path = Object.entries(options.pathCpuSeconds ?? {});
  const counters = Object.entries(options.counters ?? {});
  const readPath = () => Object.fromEntries(path.map(([name, cpuSeconds]) => [name, cpuSeconds()]));
  const readCounters = () => Object.fromEntries(counters.map(([name, count]) => [name, count()]));
  const moved = (before: Record<string, number>, after: Record<string, number>) =>
    Object.fromEntries(Object.entries(after).map(([name, value]) => [name, value - (before[name] ?? value)]));
  for (const side of options.warmUpSeconds > 0 ? sides : []) {
    const warm = await warmUp(
      { ...(await side.prepare(options.warmUpSeconds * 3)), label: `warm-up, ${side.name}` },
      options.warmUpSeconds,
    );
    side.finished?.(warm.responsesPerSecond);
  }
  const rounds = sides.map(() => [] as Round[]);
  // One reading ends a round and starts the next.
  let costsRead: CostCounters | undefined;
  for (let r = 1; r <= options.rounds; r++) {
    for (const [s, side] of sides.entries()) {
      const loadOptions = await side.prepare(options.seconds);
      const costsBefore = costsRead ?? (await options.costs?.());
      const label = `round ${r}/${options.rounds}, ${side.name}`;
      const before = side.cpuSeconds();
      const databaseBefore = options.databaseCpuSeconds?.();
      const pathBefore = readPath();
      const countsBefore = readCounters();
      const startUs = nowUs();
      const result = await load({ ...loadOptions, label });
      if (TIMELINE) {
        const what = `${loadOptions.label}, ${label}`;
        appendFileSync(TIMELINE, `${JSON.stringify({ what, startUs, endUs: nowUs() })}\n`);
      }
      const pathAfter = readPath();
      const countsAfter = readCounters();
      const cpuSeconds = side.cpuSeconds() - before;
      const databaseAfter = options.databaseCpuSeconds?.();
      costsRead = await options.costs?.();
      const round: Round = {
        responsesPerSecond: result.responsesPerSecond,
        p50: result.p50,
        p99: result.p99,
        total: result.total,
        duration: result.duration,
        cpuSeconds,
        ...(databaseBefore === undefined
          ? {}
          : { databaseCpuSeconds: (databaseAfter ?? databaseBefore) - databaseBefore }),
        pathCpuSeconds: moved(pathBefore, pathAfter),
        counts: {
          ...moved(countsBefore, countsAfter),
          ...(costsBefore && costsRead ? moved(costsBefore, costsRead) : {}),
        },
        non2xx: result.non2xx,
        errors: result.errors,
      };
      rounds[s]?.push(round);
      side.finished?.(round.responsesPerSecond);
      console.log(`    ${describe(round)}`);
    }
  }
  return sides.map((side, s) => summarise(side.name, rounds[s] ?? []));
}

function summarise(name: string, rounds: Round[]): Summary {
  const sum = (pick: (round: Round) => number) => rounds.reduce((total, round) => total + pick(round), 0);
  const total = sum((round) => round.total);
  const database = rounds.every((round) => round.databaseCpuSeconds !== undefined);
  const perRequest = (pick: (round: Round) => Record<string, number>, scale: number) =>
    Object.fromEntries(
      Object.keys(rounds[0] ? pick(rounds[0]) : {}).map((name) => [
        name,
        total > 0 ? (sum((round) => pick(round)[name] ?? 0) * scale) / total : 0,
      ]),
    );
  return {
    name,
    rounds,
    responsesPerSecond: total / sum((round) => round.duration),
    p50: median(rounds.map((round) => round.p50)),
    p99: median(rounds.map((round) => round.p99)),
    cpuMsPerRequest: total > 0 ? (sum((round) => round.cpuSeconds) * 1000) / total : 0,
    ...(database && total > 0
      ? { databaseCpuMsPerRequest: (sum((round) => round.databaseCpuSeconds ?? 0) * 1000) / total }
      : {}),
    pathCpuMsPerRequest: perRequest((round) => round.pathCpuSeconds, 1000),
    countsPerRequest: perRequest((round) => round.counts, 1),
    non2xx: sum((round) => round.non2xx),
    errors: sum((round) => round.errors),
  };
}

function describe(round: Round): string {
  const perRequest = (seconds: number) => (round.total > 0 ? ((seconds * 1000) / round.total).toFixed(3) : '-');
  const cpu = perRequest(round.cpuSeconds);
  const database =
    round.databaseCpuSeconds === undefined ? '' : `, PostgreSQL CPU ${perRequest(round.databaseCpuSeconds)} ms/request`;
  const path = Object.entries(round.pathCpuSeconds)
    .map(([name, seconds]) => `, ${name} CPU ${perRequest(seconds)} ms/request`)
    .join('');
  const counts = Object.entries(round.counts)
    .map(([name, count]) => `, ${name} ${round.total > 0 ? (count / round.total).toFixed(3) : '-'}/request`)
    .join('');
  const bad = round.non2xx + round.errors > 0 ? `, ${round.non2xx} non-2xx, ${round.errors} errors` : '';
  return `${round.responsesPerSecond.toFixed(0)} req/s, p50 ${round.p50} ms, p99 ${round.p99} ms, server CPU ${cpu} ms/request${database}${path}${counts}${bad}`;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

/** `min–max` of the rounds' values, for the rows' notes. */
export function range(summary: Summary, pick: (round: Round) => number): string {
  const values = summary.rounds.map(pick);
  return `${Math.min(...values).toFixed(0)}–${Math.max(...values).toFixed(0)}`;
}
