import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';

/** A server the bench measures from outside: its announcement line, its peak RSS, and how to stop it. */
export interface ChildServer<Info> {
  info: Info;
  pid: number;
  /** Peak resident set size so far (VmHWM), MB. Linux only; 0 elsewhere. */
  peakRssMb(): number;
  /** CPU seconds the process has used so far, all its threads (user + system). Linux only; 0 elsewhere. */
  cpuSeconds(): number;
  stop(): Promise<void>;
}

/** Starts `node <script> <args>` and waits for the JSON line it prints once it listens. */
export async function startChildServer<Info>(
  script: string,
  args: string[],
  env: Record<string, string>,
): Promise<ChildServer<Info>> {
  // BENCH_SERVER_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" profiles the measured server.
  const nodeArgs = (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child: ChildProcess = spawn(process.execPath, [...nodeArgs, script, ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
  const info = await new Promise<Info>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`${script} exited with ${code} before it was ready`)));
    lines.once('line', (line) => resolve(JSON.parse(line) as Info));
  });
  const pid = child.pid ?? 0;
  return {
    info,
    pid,
    peakRssMb: () => peakRssOf(pid),
    cpuSeconds: () => cpuSecondsOf(pid),
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 15_000).unref();
      }),
  };
}

/** A process's peak resident set size (VmHWM) in MB. Linux only; 0 elsewhere. */
export function peakRssOf(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    return Math.round(Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024);
  } catch {
    return 0;
  }
}

/** Clock ticks per second of /proc/<pid>/stat's times; Linux's USER_HZ is 100 on every mainstream build. */
export const CLOCK_TICKS = 100;

/** A process's CPU seconds so far (utime + stime, every thread), from /proc/<pid>/stat. Linux only; 0 elsewhere. */
export function cpuSecondsOf(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name may hold spaces and parentheses: the fields are counted from after its closing one.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
  } catch {
    return 0;
  }
}
