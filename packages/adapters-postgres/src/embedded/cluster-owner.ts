import { readFileSync } from 'node:fs';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** Who started the cluster in a data directory: kept beside it, so a second process can tell a live owner. */
export interface ClusterOwner {
  pid: number;
  startedAt: string;
}

/** What a running postmaster says about itself in postmaster.pid (PostgreSQL's own lock file). */
export interface PostmasterState {
  pid: number;
  port: number;
  ready: boolean;
}

export function ownerFile(dataDir: string): string {
  return `${dataDir}.owner`;
}

/** A zombie (exited, not yet reaped: common under a container's PID 1) counts as gone. */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return true;
  }
}

export async function readOwner(dataDir: string): Promise<ClusterOwner | null> {
  try {
    const parsed = JSON.parse(await readFile(ownerFile(dataDir), 'utf8')) as Partial<ClusterOwner>;
    return typeof parsed.pid === 'number' ? { pid: parsed.pid, startedAt: String(parsed.startedAt ?? '') } : null;
  } catch {
    return null;
  }
}

/** Takes ownership atomically (O_EXCL); `false` when another process got there first. */
export async function claimOwnership(dataDir: string): Promise<boolean> {
  const owner: ClusterOwner = { pid: process.pid, startedAt: new Date().toISOString() };
  try {
    await writeFile(ownerFile(dataDir), `${JSON.stringify(owner)}\n`, { flag: 'wx', mode: 0o644 });
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

/** Removes the owner file if it names `pid` (a dead owner's, or our own on stop). */
export async function releaseOwnership(dataDir: string, pid: number): Promise<void> {
  if ((await readOwner(dataDir))?.pid === pid) await rm(ownerFile(dataDir), { force: true });
}

/** postmaster.pid: line 1 pid, line 4 port, line 8 status ("ready" once it accepts connections). */
export async function readPostmaster(dataDir: string): Promise<PostmasterState | null> {
  let lines: string[];
  try {
    lines = (await readFile(join(dataDir, 'postmaster.pid'), 'utf8')).split('\n');
  } catch {
    return null;
  }
  const pid = Number.parseInt(lines[0] ?? '', 10);
  const port = Number.parseInt(lines[3] ?? '', 10);
  if (!Number.isFinite(pid) || !Number.isFinite(port)) return null;
  return { pid, port, ready: (lines[7] ?? '').trim() === 'ready' };
}
