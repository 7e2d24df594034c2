import { join } from 'node:path';
import { type RunningHaproxy, startHaproxy } from '@kessai/devkit';
import { range, type Summary } from './alternate';
import { type ChildServer, cpuSecondsOf } from './child-server';
import type { Row } from './row';
import { type Configuration, compare, cpuPerRequest, type TopologyBench } from './topology-bench';

const COUNTS = [1, 2, 4] as const;

/**
 * 1, 2 and 4 API processes over PgBouncer, each behind an HAProxy of its own (deploy/haproxy/haproxy.cfg) so that
 * the three alternate round by round on the same processes, with the same total load. On two cores more processes
 * cannot be faster: what the rows show is what each added process costs, and that nothing collapses.
 */
export async function scaleOutRows(
  bench: TopologyBench,
  apis: ReadonlyArray<ChildServer<{ port: number }>>,
  applicationName: string,
  runDir: string,
): Promise<Row[]> {
  const balancers: RunningHaproxy[] = [];
  try {
    // Started together: each waits for its health checks to put every server in rotation.
    const configurations = await Promise.all(
      COUNTS.map(async (count): Promise<Configuration> => {
        const members = apis.slice(0, count);
        const haproxy = await startHaproxy({
          servers: members.map((api, i) => ({ name: `api${i + 1}`, port: api.info.port })),
          runDir: join(runDir, `haproxy-${count}`),
          logFile: join(runDir, `haproxy-${count}.log`),
        });
        balancers.push(haproxy);
        return {
          name: `${count} API process${count > 1 ? 'es' : ''}`,
          url: haproxy.url,
          applicationName,
          cpuSeconds: () => members.reduce((total, api) => total + api.cpuSeconds(), 0),
        };
      }),
    );
    const withBalancers: TopologyBench = {
      ...bench,
      pathCpuSeconds: {
        ...bench.pathCpuSeconds,
        HAProxy: () => balancers.reduce((total, haproxy) => total + cpuSecondsOf(haproxy.process.pid), 0),
      },
    };
    const rows: Row[] = [];
    for (const what of ['capture', 'GET'] as const) {
      console.log(`  ${what}, 1, 2 and 4 API processes behind HAProxy over PgBouncer:`);
      const summaries = await compare(withBalancers, what, configurations);
      rows.push(...countRows(bench, what, configurations, summaries));
    }
    return rows;
  } finally {
    for (const haproxy of balancers.reverse()) await haproxy.stop();
  }
}

/**
 * A write refused as stale is rolled back: behind a balancer a capture may land on a process whose remembered state
 * of that transaction is older than another process's write, and it takes the locked path after the refusal.
 */
const rolledBack = (summary: Summary) => (summary.countsPerRequest.rollbacks ?? 0).toFixed(2);

function countRows(bench: TopologyBench, what: string, configurations: Configuration[], summaries: Summary[]): Row[] {
  const [one] = summaries;
  if (!one || summaries.length !== COUNTS.length) throw new Error(`the ${what} scale-out measured nothing`);
  const connections = (i: number) => bench.activity.peakBackends(`${what}, ${configurations[i]?.name}`);
  const all = (pick: (summary: Summary, i: number) => string | number) =>
    summaries.map((summary, i) => pick(summary, i)).join(' / ');
  const last = summaries[summaries.length - 1] ?? one;
  return [
    ...summaries.map((summary, i) => ({
      benchmark: `topology, scale-out: ${what} req/s, ${configurations[i]?.name} behind HAProxy over PgBouncer vs 1 (${bench.options.connections} connections in all, alternating; rounds ${range(summary, (round) => round.responsesPerSecond)}; p50 / p99 ${summary.p50} / ${summary.p99} ms; ${rolledBack(summary)} transactions rolled back per request; 2 cores: a ratio near 1 is the goal, not a speed-up)`,
      kessai: summary.responsesPerSecond,
      baseline: one.responsesPerSecond,
      ratio: summary.responsesPerSecond / one.responsesPerSecond,
      target: '-',
    })),
    {
      benchmark: `topology, scale-out: ${what} p99 (ms) with 1 / 2 / 4 API processes; ratio 4 vs 1`,
      kessai: all((summary) => summary.p99),
      baseline: one.p99,
      ratio: last.p99 / one.p99,
      target: '-',
    },
    {
      benchmark: `topology, scale-out: ${what} CPU (ms) per request with 1 / 2 / 4 API processes (4: ${cpuPerRequest(last).text}); ratio 4 vs 1`,
      kessai: all((summary) => cpuPerRequest(summary).total.toFixed(2)),
      baseline: cpuPerRequest(one).total,
      ratio: cpuPerRequest(last).total / cpuPerRequest(one).total,
      target: '-',
    },
    {
      benchmark: `topology, scale-out: PostgreSQL backends open at most during the ${what} loads (pg_stat_activity; PgBouncer's server connections) with 1 / 2 / 4 API processes, each with up to 20 client connections into PgBouncer; ratio 4 vs 1`,
      kessai: all((_, i) => connections(i)),
      baseline: connections(0),
      ratio: connections(summaries.length - 1) / Math.max(1, connections(0)),
      target: '-',
    },
  ];
}
