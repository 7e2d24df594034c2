import { readFileSync } from 'node:fs';

/**
 * Where a server's CPU went in a bench round: `node dist/bench/profile-summary.js <file.cpuprofile>
 * [--timeline=<file> --match=<text>] [--top=25] [--stacks=<function>] [--without=(idle),writev]`. With a timeline
 * (`BENCH_TIMELINE`), only the samples inside the rounds whose description contains `--match` count. Prints self
 * time by function, by file and by package; `--stacks` also prints the heaviest call stacks (our frames and the
 * packages') ending in a function; `--without` leaves frames out of the total (e.g. the idle loop, or socket writes
 * whose sampled time is mostly waiting for a core).
 */
interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

function main(argv: string[]): void {
  const [file, ...flags] = argv;
  if (!file) throw new Error('usage: profile-summary <file.cpuprofile> [--timeline=<file> --match=<text>] [--top=25]');
  const flag = (name: string) => flags.find((arg) => arg.startsWith(`--${name}=`))?.slice(name.length + 3);
  const top = Number(flag('top') ?? 25);
  const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
  const windows = roundWindows(flag('timeline'), flag('match'));
  const without = new Set((flag('without') ?? '').split(',').filter(Boolean));
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const self = new Map<number, number>();
  let at = profile.startTime;
  let total = 0;
  profile.samples.forEach((id, i) => {
    const delta = profile.timeDeltas[i] ?? 0;
    at += delta;
    if (windows && !windows.some(([from, to]) => at >= from && at <= to)) return;
    if (without.has(nodes.get(id)?.callFrame.functionName ?? '')) return;
    self.set(id, (self.get(id) ?? 0) + delta);
    total += delta;
  });
  const by = (key: (node: ProfileNode) => string) => {
    const sums = new Map<string, number>();
    for (const [id, us] of self) {
      const node = nodes.get(id);
      if (node) sums.set(key(node), (sums.get(key(node)) ?? 0) + us);
    }
    return [...sums].sort((a, b) => b[1] - a[1]).slice(0, top);
  };
  const print = (title: string, rows: Array<[string, number]>) => {
    console.log(`\n${title}`);
    for (const [name, us] of rows)
      console.log(
        `  ${((100 * us) / total).toFixed(1).padStart(5)} %  ${(us / 1000).toFixed(0).padStart(6)} ms  ${name}`,
      );
  };
  const busy = total - idle(self, nodes);
  console.log(
    `${(total / 1000).toFixed(0)} ms sampled${windows ? ` in ${windows.length} round(s)` : ''}; not idle: ${(busy / 1000).toFixed(0)} ms`,
  );
  print(
    'self time by function',
    by((node) => `${node.callFrame.functionName || '(anonymous)'}  ${where(node)}`),
  );
  print(
    'self time by file',
    by((node) => shortUrl(node.callFrame.url) || node.callFrame.functionName),
  );
  print(
    'self time by package',
    by((node) => packageOf(node.callFrame.url) || node.callFrame.functionName),
  );
  const stacksOf = flag('stacks');
  if (!stacksOf) return;
  const parents = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parents.set(child, node.id);
  const stack = (id: number) => {
    const frames: string[] = [];
    for (let at: number | undefined = id; at !== undefined && frames.length < 6; at = parents.get(at)) {
      const node = nodes.get(at);
      if (node?.callFrame.url && !node.callFrame.url.startsWith('node:')) {
        frames.push(`${node.callFrame.functionName || '(anonymous)'} ${where(node)}`);
      }
    }
    return frames.join(' ← ');
  };
  const stacks = by((node) => (node.callFrame.functionName === stacksOf ? stack(node.id) : '(other)'));
  print(
    `heaviest stacks ending in ${stacksOf}`,
    stacks.filter(([name]) => name !== '(other)'),
  );
}

function idle(self: Map<number, number>, nodes: Map<number, ProfileNode>): number {
  let us = 0;
  for (const [id, time] of self) if (nodes.get(id)?.callFrame.functionName === '(idle)') us += time;
  return us;
}

function roundWindows(timeline: string | undefined, match: string | undefined): Array<[number, number]> | undefined {
  if (!timeline) return undefined;
  const rounds = readFileSync(timeline, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as { what: string; startUs: number; endUs: number })
    .filter((round) => !match || round.what.includes(match));
  for (const round of rounds) console.log(`round: ${round.what}`);
  return rounds.map((round) => [round.startUs, round.endUs]);
}

const where = (node: ProfileNode) => `${shortUrl(node.callFrame.url)}:${node.callFrame.lineNumber + 1}`;

/** The path from the package on: `fastify/lib/reply.js`, `@kessai/http/dist/api/app.js`, `node:internal/…`. */
function shortUrl(url: string): string {
  const modules = url.lastIndexOf('/node_modules/');
  if (modules >= 0) return url.slice(modules + '/node_modules/'.length);
  const ours = /\/packages\/([^/]+)\/(.*)$/.exec(url);
  if (ours) return `@kessai/${ours[1]}/${ours[2]}`;
  return url.replace(/^file:\/\//, '');
}

function packageOf(url: string): string {
  const short = shortUrl(url);
  if (short.startsWith('node:')) return short.split('/').slice(0, 2).join('/');
  const parts = short.split('/');
  return short.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? '');
}

main(process.argv.slice(2));
