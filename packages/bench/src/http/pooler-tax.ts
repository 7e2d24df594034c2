import { range, type Summary } from './alternate';
import type { Row } from './row';
import { type Configuration, compare, cpuPerRequest, type TopologyBench } from './topology-bench';

/** The three ways one API process reaches PostgreSQL. */
export interface DatabasePaths {
  /** Direct, named prepared statements (DATABASE_PREPARED_STATEMENTS=true): the embedded server's way. */
  named: Configuration;
  /** Direct, unnamed statements (=false). */
  unnamed: Configuration;
  /** Through PgBouncer in transaction pooling, unnamed statements (what PgBouncer 1.18 requires). */
  pooled: Configuration;
}

/**
 * One API process on each path, the three alternating: PgBouncer against direct with the same unnamed statements
 * is the pooler's tax; unnamed against named statements, both direct, is the cost of the statements PgBouncer
 * 1.18 forces; PgBouncer against direct and named is the two together, production's path against the embedded one.
 */
export async function poolerTaxRows(bench: TopologyBench, paths: DatabasePaths): Promise<Row[]> {
  const order = [paths.named, paths.unnamed, paths.pooled];
  const rows: Row[] = [];
  for (const what of ['capture', 'GET'] as const) {
    console.log(`  ${what}, one API process: direct with named statements, direct unnamed, through PgBouncer:`);
    const [named, unnamed, pooled] = await compare(bench, what, order);
    if (!named || !unnamed || !pooled) throw new Error(`the ${what} comparison measured nothing`);
    rows.push(...pathRows(what, named, unnamed, pooled, bench.options.connections));
  }
  const peak = (configuration: Configuration) =>
    Math.max(...['capture', 'GET'].map((what) => bench.activity.peakBackends(`${what}, ${configuration.name}`)));
  rows.push({
    benchmark:
      'topology: PostgreSQL backends open at most during those loads (pg_stat_activity), one API process through PgBouncer vs direct (DATABASE_POOL_MAX=20 on each; PgBouncer default_pool_size 20 + reserve 5)',
    kessai: peak(paths.pooled),
    baseline: peak(paths.unnamed),
    ratio: peak(paths.pooled) / Math.max(1, peak(paths.unnamed)),
    target: '-',
  });
  return rows;
}

function pathRows(what: string, named: Summary, unnamed: Summary, pooled: Summary, connections: number): Row[] {
  const rounds = (summary: Summary) => range(summary, (round) => round.responsesPerSecond);
  const how = `one API process, instant connector, ${connections} connections, alternating; rounds`;
  const cpu = (summary: Summary) => cpuPerRequest(summary);
  return [
    {
      benchmark: `topology, the pooler's tax: ${what} req/s through PgBouncer (transaction pooling) vs direct to PostgreSQL, unnamed statements on both (${how}: PgBouncer ${rounds(pooled)}, direct ${rounds(unnamed)})`,
      kessai: pooled.responsesPerSecond,
      baseline: unnamed.responsesPerSecond,
      ratio: pooled.responsesPerSecond / unnamed.responsesPerSecond,
      target: '-',
    },
    {
      benchmark: `topology, the pooler's tax: ${what} p50 / p99 (ms) through PgBouncer vs direct; ratio of p99s`,
      kessai: `${pooled.p50} / ${pooled.p99}`,
      baseline: `${unnamed.p50} / ${unnamed.p99}`,
      ratio: pooled.p99 / unnamed.p99,
      target: '-',
    },
    {
      benchmark: `topology, the pooler's tax: ${what} CPU (ms) per request through PgBouncer (${cpu(pooled).text}) vs direct (${cpu(unnamed).text}), totals`,
      kessai: cpu(pooled).total,
      baseline: cpu(unnamed).total,
      ratio: cpu(pooled).total / cpu(unnamed).total,
      target: '-',
    },
    {
      benchmark: `topology, the cost of unnamed statements: ${what} req/s direct with DATABASE_PREPARED_STATEMENTS=false vs =true (named prepared statements), p99 ${unnamed.p99} vs ${named.p99} ms (${how}: unnamed ${rounds(unnamed)}, named ${rounds(named)})`,
      kessai: unnamed.responsesPerSecond,
      baseline: named.responsesPerSecond,
      ratio: unnamed.responsesPerSecond / named.responsesPerSecond,
      target: '-',
    },
    {
      benchmark: `topology, the cost of unnamed statements: ${what} CPU (ms) per request unnamed (${cpu(unnamed).text}) vs named (${cpu(named).text}), totals`,
      kessai: cpu(unnamed).total,
      baseline: cpu(named).total,
      ratio: cpu(unnamed).total / cpu(named).total,
      target: '-',
    },
    {
      benchmark: `topology, both together: ${what} req/s through PgBouncer with unnamed statements (production's path) vs direct with named ones (the embedded server's), p99 ${pooled.p99} vs ${named.p99} ms`,
      kessai: pooled.responsesPerSecond,
      baseline: named.responsesPerSecond,
      ratio: pooled.responsesPerSecond / named.responsesPerSecond,
      target: '-',
    },
  ];
}
