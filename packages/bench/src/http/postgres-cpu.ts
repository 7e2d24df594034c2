import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CLOCK_TICKS } from './child-server';

/**
 * CPU seconds of an embedded PostgreSQL server so far: the postmaster, the backends it has reaped (its children's
 * times) and the live ones. Linux only; undefined where the server is not ours (DATABASE_URL) or not readable.
 */
export function postgresCpuSeconds(dataDir: string | undefined): (() => number) | undefined {
  if (!dataDir || process.platform !== 'linux') return undefined;
  const postmaster = () => Number(readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
  try {
    postmaster();
  } catch {
    return undefined;
  }
  return () => {
    const pid = postmaster();
    let ticks = 0;
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      const fields = statFields(Number(entry));
      if (!fields) continue;
      // Fields after the command: [1] ppid, [11] utime, [12] stime, [13] cutime, [14] cstime.
      if (Number(entry) === pid) ticks += sum(fields, 11, 12, 13, 14);
      else if (Number(fields[1]) === pid) ticks += sum(fields, 11, 12);
    }
    return ticks / CLOCK_TICKS;
  };
}

function statFields(pid: number): string[] | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return undefined;
  }
}

const sum = (fields: string[], ...at: number[]) => at.reduce((total, i) => total + Number(fields[i] ?? 0), 0);
