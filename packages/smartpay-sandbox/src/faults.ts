import { z } from 'zod';
import { ApiError } from './errors';
import { compilePathPattern, type PathMatcher } from './http/path-pattern';
import { type RandomSource, randomUnit } from './random';
import { issueDetails } from './validation';

/**
 * What goes wrong, for the next `times` matching calls:
 * - `status`: answer 500..504 with an error body, nothing applied;
 * - `latency`: wait `ms`, then behave normally;
 * - `drop`: destroy the socket without answering, nothing applied;
 * - `timeout`: apply the effect, then never answer (the socket is destroyed after `ms`).
 * `path` is exact, uses `:param` segments, or is a regular expression when it starts with `^`.
 * `probability` (default 1) makes a rule fire on only some matches, drawn from the seeded PRNG.
 */
export type HttpFaultInput = {
  match: { method?: string; path: string };
  times?: number;
  probability?: number;
} & (
  | { kind: 'status'; status?: number; body?: Record<string, unknown> }
  | { kind: 'latency'; ms: number }
  | { kind: 'drop' }
  | { kind: 'timeout'; ms?: number }
);

/**
 * Webhook deliveries (one per event × endpoint): `drop` never sends it, `duplicate` sends it twice, `delay`
 * sends it `ms` later, `reorder` holds it until the next delivery to the same endpoint has been answered.
 */
export type WebhookFaultInput = {
  webhook: { type?: string };
  times?: number;
  probability?: number;
} & ({ kind: 'drop' | 'duplicate' | 'reorder' } | { kind: 'delay'; ms: number });

export type FaultRuleInput = HttpFaultInput | WebhookFaultInput;

type Identified<T> = T & { id: string; times: number; remaining: number; probability: number };
export type HttpFault = Identified<HttpFaultInput>;
export type WebhookFault = Identified<WebhookFaultInput>;
export type FaultRule = HttpFault | WebhookFault;

const common = {
  times: z.int().min(1).default(1),
  probability: z.number().min(0).max(1).default(1),
};
const ms = z.int().min(0);
const httpMatch = z.object({ method: z.string().min(1).optional(), path: z.string().min(1) });
const httpFaultSchema = z.discriminatedUnion('kind', [
  z.object({
    ...common,
    match: httpMatch,
    kind: z.literal('status'),
    status: z.int().min(500).max(504).default(500),
    body: z.record(z.string(), z.unknown()).optional(),
  }),
  z.object({ ...common, match: httpMatch, kind: z.literal('latency'), ms }),
  z.object({ ...common, match: httpMatch, kind: z.literal('drop') }),
  z.object({ ...common, match: httpMatch, kind: z.literal('timeout'), ms: ms.default(10_000) }),
]);
const webhookMatch = z.object({ type: z.string().min(1).optional() });
const webhookFaultSchema = z.discriminatedUnion('kind', [
  z.object({ ...common, webhook: webhookMatch, kind: z.enum(['drop', 'duplicate', 'reorder']) }),
  z.object({ ...common, webhook: webhookMatch, kind: z.literal('delay'), ms }),
]);

export class FaultRegistry {
  private rules: FaultRule[] = [];
  private readonly matchers = new Map<string, PathMatcher>();
  private sequence = 0;

  constructor(private random: RandomSource) {}

  add(input: unknown): FaultRule {
    const isWebhook = typeof input === 'object' && input !== null && 'webhook' in input;
    const result = (isWebhook ? webhookFaultSchema : httpFaultSchema).safeParse(input);
    if (!result.success)
      throw new ApiError(400, 'request.invalid', 'Invalid fault rule', issueDetails(result.error, input));
    const rule: FaultRule = { ...result.data, id: `fault_${++this.sequence}`, remaining: result.data.times };
    if ('match' in rule) this.matchers.set(rule.id, pathMatcher(rule.match.path));
    this.rules.push(rule);
    return rule;
  }

  list(): FaultRule[] {
    return this.rules.map((rule) => ({ ...rule }));
  }

  remove(id: string): boolean {
    const before = this.rules.length;
    this.rules = this.rules.filter((rule) => rule.id !== id);
    this.matchers.delete(id);
    return this.rules.length < before;
  }

  clear(random?: RandomSource): void {
    this.rules = [];
    this.matchers.clear();
    this.sequence = 0;
    if (random) this.random = random;
  }

  /** Consumes one use of the first HTTP rule that matches and fires. */
  takeHttp(method: string, path: string): HttpFault | undefined {
    return this.take((rule): rule is HttpFault => {
      if (!('match' in rule)) return false;
      if (rule.match.method && rule.match.method.toUpperCase() !== method.toUpperCase()) return false;
      return this.matchers.get(rule.id)?.(path) !== undefined;
    });
  }

  takeWebhook(type: string): WebhookFault | undefined {
    return this.take(
      (rule): rule is WebhookFault =>
        'webhook' in rule && (rule.webhook.type === undefined || rule.webhook.type === type),
    );
  }

  private take<R extends FaultRule>(matches: (rule: FaultRule) => rule is R): R | undefined {
    for (const rule of this.rules) {
      if (!matches(rule)) continue;
      if (rule.probability < 1 && randomUnit(this.random) >= rule.probability) continue;
      rule.remaining--;
      if (rule.remaining <= 0) this.remove(rule.id);
      return { ...rule };
    }
    return undefined;
  }
}

function pathMatcher(path: string): PathMatcher {
  if (!path.startsWith('^')) return compilePathPattern(path);
  let regex: RegExp;
  try {
    regex = new RegExp(path);
  } catch (error) {
    throw new ApiError(400, 'request.invalid', 'Invalid fault rule', [`match.path: ${(error as Error).message}`]);
  }
  return (actual) => (regex.test(actual) ? {} : undefined);
}
