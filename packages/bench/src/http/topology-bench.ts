import { alternate, type Summary } from './alternate';
import type { DatabaseActivity } from './database-activity';
import type { BenchOptions } from './options';
import { warnIfRefused } from './plain-comparison';
import { captureRequests, readRequests } from './requests';

/** What the topology rows share: one database, the bench's token and transactions, and the meters on the path. */
export interface TopologyBench {
  options: BenchOptions;
  /** Authorization with the seeding process's token (keys live in the database: every process accepts it). */
  headers: Record<string, string>;
  /** Transactions every side reads. */
  readIds: string[];
  /** One set of transactions per side that captures, so no side captures what another left behind. */
  captureSet(side: string): string[];
  databaseCpuSeconds?: () => number;
  /** Processes on the path besides the API and PostgreSQL (PgBouncer, HAProxy): their CPU seconds so far. */
  pathCpuSeconds: Record<string, () => number>;
  activity: DatabaseActivity;
}

/** One configuration measured from outside: where its requests go and which backends are its own. */
export interface Configuration {
  name: string;
  url: string;
  /** The application name its backends carry in pg_stat_activity. */
  applicationName: string;
  /** CPU seconds of its API processes so far. */
  cpuSeconds(): number;
}

/** Captures or GETs, the configurations alternating round by round; refusals are printed, never averaged in. */
export async function compare(
  bench: TopologyBench,
  what: 'capture' | 'GET',
  configurations: Configuration[],
): Promise<Summary[]> {
  const sides = configurations.map((configuration) => {
    const target = { url: configuration.url, headers: bench.headers, connections: bench.options.connections };
    const requests =
      what === 'capture'
        ? captureRequests(target, bench.captureSet(configuration.name))
        : readRequests(target, bench.readIds);
    const side = `${what}, ${configuration.name}`;
    return {
      name: configuration.name,
      cpuSeconds: configuration.cpuSeconds,
      prepare: async (seconds: number) => {
        bench.activity.measuring(side, configuration.applicationName);
        return requests(seconds);
      },
    };
  });
  const summaries = await alternate(sides, {
    ...bench.options,
    ...(bench.databaseCpuSeconds ? { databaseCpuSeconds: bench.databaseCpuSeconds } : {}),
    pathCpuSeconds: bench.pathCpuSeconds,
    counters: { rollbacks: () => bench.activity.rolledBack() },
  });
  for (const summary of summaries) warnIfRefused(what, summary);
  return summaries;
}

/** `API a / PostgreSQL b / PgBouncer c …` ms per request, and their sum. */
export function cpuPerRequest(summary: Summary): { text: string; total: number } {
  const parts: Array<[string, number | undefined]> = [
    ['API', summary.cpuMsPerRequest],
    ['PostgreSQL', summary.databaseCpuMsPerRequest],
    ...Object.entries(summary.pathCpuMsPerRequest),
  ];
  const known = parts.filter((part): part is [string, number] => part[1] !== undefined);
  return {
    text: known.map(([name, ms]) => `${name} ${ms.toFixed(2)}`).join(' + '),
    total: known.reduce((total, [, ms]) => total + ms, 0),
  };
}
