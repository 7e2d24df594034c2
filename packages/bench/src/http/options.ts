/** The parts of `pnpm bench` that can be run alone (`--only=plain,tokens`). */
export const SECTIONS = [
  'capture',
  'read',
  'plain',
  'tokens',
  'listing',
  'lifecycles',
  'topology',
  'embed',
  'reconciliation',
] as const;
export type Section = (typeof SECTIONS)[number];

export interface BenchOptions {
  /** A few seconds per measurement, to check the bench works; its numbers are not results. */
  quick: boolean;
  seconds: number;
  /** Rounds of each side in the alternating comparisons (ABAB…). */
  rounds: number;
  warmUpSeconds: number;
  connections: number;
  listScale: number;
  sections: ReadonlySet<Section>;
}

/** Flags win over the environment; `--` (forwarded by pnpm) is ignored. */
export function benchOptions(argv: string[], env: NodeJS.ProcessEnv): BenchOptions {
  const flags = argv.filter((arg) => arg !== '--');
  const flag = (name: string) => flags.find((arg) => arg === `--${name}` || arg.startsWith(`--${name}=`));
  const value = (name: string) => flag(name)?.split('=')[1];
  const unknown = flags.filter((arg) => !/^--(quick|only|seconds|rounds)(=|$)/.test(arg));
  if (unknown.length > 0)
    throw new Error(`unknown bench flag(s): ${unknown.join(' ')} (--quick, --only=…, --seconds=, --rounds=)`);
  const quick = Boolean(flag('quick')) || env.BENCH_QUICK === '1';
  const only = (value('only') ?? env.BENCH_ONLY ?? '').split(',').filter(Boolean);
  const wrong = only.filter((name) => !(SECTIONS as readonly string[]).includes(name));
  if (wrong.length > 0) throw new Error(`unknown bench section(s) ${wrong.join(', ')}; known: ${SECTIONS.join(', ')}`);
  const number = (name: string, fromEnv: string | undefined, normal: number, short: number) => {
    const given = Number(value(name) ?? fromEnv ?? (quick ? short : normal));
    if (!Number.isFinite(given) || given <= 0) throw new Error(`--${name} must be a positive number`);
    return given;
  };
  return {
    quick,
    seconds: number('seconds', env.BENCH_SECONDS, 8, 2),
    rounds: Math.round(number('rounds', env.BENCH_ROUNDS, 3, 2)),
    warmUpSeconds: quick ? 1 : 2,
    connections: Number(env.BENCH_CONNECTIONS ?? 50),
    listScale: Number(env.BENCH_LIST_SCALE ?? (quick ? 20_000 : 1_000_000)),
    sections: new Set(only.length > 0 ? (only as Section[]) : SECTIONS),
  };
}
