import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type BenchOptions, SECTIONS } from './options';
import type { Row } from './row';

/** The table, printed and written: a full run to `bench/results/`, a quick or partial one to `.data/`. */
export async function report(rows: Row[], options: BenchOptions, root: string): Promise<void> {
  const fmt = (v: string | number | undefined) =>
    typeof v === 'number' ? (Number.isInteger(v) ? String(v) : v.toFixed(2)) : (v ?? '');
  const table = [
    '| benchmark | Kessai | baseline (same run) | ratio | target |',
    '|---|---|---|---|---|',
    ...rows.map((r) => `| ${r.benchmark} | ${fmt(r.kessai)} | ${fmt(r.baseline)} | ${fmt(r.ratio)} | ${r.target} |`),
  ].join('\n');
  // A quick or partial run checks that the bench works; its numbers never replace a full run's.
  const full = !options.quick && options.sections.size === SECTIONS.length;
  const dir = full ? join(root, 'bench/results') : join(root, '.data/bench-partial');
  await mkdir(dir, { recursive: true });
  const stamp = new Date().toISOString();
  const { sections, ...knobs } = options;
  const settings = { ...knobs, sections: [...sections] };
  await writeFile(
    join(dir, 'latest.json'),
    `${JSON.stringify({ at: stamp, node: process.version, seconds: options.seconds, settings, rows }, null, 2)}\n`,
  );
  await writeFile(
    join(dir, 'latest.md'),
    `# pnpm bench${options.quick ? ' --quick' : ''}, ${stamp} (Node ${process.version}, ${options.seconds} s per measurement, ${options.rounds} rounds per side in the alternating rows)\n\n${table}\n`,
  );
  console.log(`\n${table}\n\nwritten to ${dir.slice(root.length + 1)}/latest.{json,md}`);
}
