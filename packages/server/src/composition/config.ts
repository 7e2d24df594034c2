import { z } from 'zod';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], { error: 'must be true or false' })
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

/** Every setting comes from the environment, validated here; a bad value stops start-up with a clear message. */
const schema = z.object({
  PORT: z.coerce.number({ error: 'must be a port number' }).int().min(0).max(65_535).default(8080),
  HOST: z.string().min(1).default('127.0.0.1'),
  PUBLIC_BASE_URL: z.url({ error: 'must be a URL, e.g. https://pay.example.jp' }).optional(),
  STORAGE: z.enum(['postgres', 'memory'], { error: 'must be "postgres" or "memory"' }).default('postgres'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, { error: 'must be a postgres:// connection string' })
    .optional(),
  /**
   * Direct to PostgreSQL (never through a transaction pooler): migrations and the job worker, whose LISTEN and
   * session state a pooler would break. Unset: DATABASE_URL.
   */
  DATABASE_DIRECT_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, { error: 'must be a postgres:// connection string' })
    .optional(),
  /**
   * Named prepared statements on DATABASE_URL's connections. PgBouncer before 1.21 (or without
   * `max_prepared_statements`) loses them between transactions, so they are off unless asked for; unset, on only
   * for the embedded server, which is always a direct connection.
   */
  DATABASE_PREPARED_STATEMENTS: bool.optional(),
  DATA_DIR: z.string().min(1).default('.data'),
  /** Connections this process keeps to PostgreSQL (each capture holds one for its unit of work). */
  DATABASE_POOL_MAX: z.coerce.number().int().min(2).max(500).default(20),
  SMARTPAY_API_BASE: z.url({ error: 'must be a URL, e.g. https://api.smartpay.co/v1' }).optional(),
  SMARTPAY_SECRET_KEY: z
    .string()
    .regex(/^sk_(test|live)_[0-9a-zA-Z]+$/, { error: 'must be a Smartpay secret key (sk_test_… or sk_live_…)' })
    .optional(),
  SMARTPAY_WEBHOOK_SIGNING_SECRET: z
    .string()
    .regex(/^[A-Za-z0-9]+$/, { error: 'must be a base62 string' })
    .optional(),
  KESSAI_ENCRYPTION_KEY: z
    .string()
    .refine((v) => Buffer.from(v, 'base64').length === 32, {
      error: 'must be 32 bytes, base64-encoded (openssl rand -base64 32)',
    })
    .optional(),
  KESSAI_ENCRYPTION_KEY_ID: z.string().min(1).max(64).default('k1'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** `json` (one object per line, for machines) or `pretty` (pino-pretty; `pnpm start` in a terminal). */
  LOG_FORMAT: z.enum(['json', 'pretty'], { error: 'must be "json" or "pretty"' }).default('json'),
  /** One log line per request at info (method, route, status, time); `false` logs none (`pnpm start`'s default). */
  LOG_REQUESTS: bool.default(true),
  /** Run the job worker in this process too: `dev` and embedding do; `kessai serve` does not unless this is set. */
  RUN_WORKER: bool.default(true),
  /**
   * After SIGTERM, how long the API keeps serving while /readyz answers 503, so that a load balancer takes it out
   * first: more than the balancer's checks need to mark it down (HAProxy: fall × inter).
   */
  DRAIN_SECONDS: z.coerce.number().min(0).max(300).default(5),
  /**
   * How long a job worker may go without a heartbeat (one every 5 s) before the others take it for dead and
   * release its jobs: long enough that a busy event loop is not mistaken for a crash.
   */
  JOB_WORKER_DEAD_AFTER_SECONDS: z.coerce.number().int().min(10).max(3_600).default(30),
  /** After the drain, how long requests in flight and running jobs get to finish before the process exits. */
  SHUTDOWN_TIMEOUT_SECONDS: z.coerce.number().min(1).max(600).default(30),
  /**
   * How far V8 lets the heap grow past what its last full collection kept, in percent: a busy process collects
   * sooner and stays near its live data instead of doubling it. 0 leaves V8's own rule. Process-wide, set at start.
   */
  HEAP_GROWING_PERCENT: z.coerce.number().int().min(0).max(400).default(10),
  /** Check every response against its documented schema before writing it: the tests do; it costs CPU per request. */
  VALIDATE_RESPONSES: bool.default(false),
  WEBHOOK_TOLERANCE_SECONDS: z.coerce.number().int().min(1).max(86_400).default(300),
  /** Per attempt, connect to last byte; an answer that takes longer is an unknown outcome, resolved by sync. */
  SMARTPAY_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(30_000),
  /** Merchant webhook URLs on loopback/private/link-local addresses are refused unless this is true (dev: true). */
  MERCHANT_WEBHOOKS_ALLOW_PRIVATE_TARGETS: bool.default(false),
  /** After rotate-secret, the old secret keeps signing (alongside the new one) for this long. */
  MERCHANT_WEBHOOK_ROTATION_GRACE_SECONDS: z.coerce
    .number({ error: 'must be a number of seconds' })
    .int()
    .min(0)
    .max(30 * 86_400, { error: 'must be at most 30 days' })
    .default(86_400),
  /** The furthest ahead a bearer token may expire (Gr4vy's SDK signs tokens valid for a minute or so). */
  AUTH_MAX_TOKEN_LIFETIME_SECONDS: z.coerce
    .number()
    .int()
    .min(60)
    .max(30 * 86_400)
    .default(86_400),
  /** The longest a client may take to send a whole request, headers and body. */
  REQUEST_TIMEOUT_MS: z.coerce.number().int().min(1_000).max(300_000).default(30_000),
  /** Requests slowly sending their body at once (over a second so far), beyond which new ones get 503. */
  MAX_SLOW_BODIES: z.coerce.number().int().min(1).max(100_000).default(256),
  /** The bearer token `/metrics` wants; unset, `/metrics` is disabled. */
  METRICS_TOKEN: z.string().min(16, { error: 'must be at least 16 characters' }).optional(),
  /** The dashboard: a session ends after this long unused, and this long after sign-in whatever happens. */
  DASHBOARD_SESSION_IDLE_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(30),
  DASHBOARD_SESSION_MAX_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(30 * 24)
    .default(12),
  /** The built UI served at /dashboard (default: packages/dashboard/dist of this checkout). */
  DASHBOARD_DIST_DIR: z.string().min(1).optional(),
  /** The built embed script served at /embed/v1/embed.js (default: packages/embed/dist of this checkout). */
  EMBED_DIST_DIR: z.string().min(1).optional(),
  /** Believe X-Forwarded-For/-Proto: `true` (from any peer) or the proxies' addresses/CIDRs, comma-separated. */
  TRUST_PROXY: z
    .string()
    .regex(/^(true|false|[0-9a-fA-F.:/, ]+)$/, { error: 'must be true, false or proxy addresses (comma-separated)' })
    .transform((v): boolean | string[] =>
      v === 'true'
        ? true
        : v === 'false'
          ? false
          : v
              .split(',')
              .map((part) => part.trim())
              .filter(Boolean),
    )
    .default(false),
  /** Delay before a failed merchant webhook's first retry; each next retry doubles it (up to 6 h, for 7 days). */
  MERCHANT_WEBHOOK_FIRST_RETRY_MS: z.coerce.number().int().min(100).max(3_600_000).default(5_000),
  /** When the worker starts each connection's reconciliation of the Japan day before (HH:MM, Japan time). */
  RECONCILIATION_DAILY_AT: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: 'must be a Japan time of day as HH:MM' })
    .default('05:00'),
});

export type Config = z.infer<typeof schema>;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export function loadConfig(env: NodeJS.ProcessEnv | Record<string, string | undefined> = process.env): Config {
  const picked = Object.fromEntries(
    Object.keys(schema.shape).map((key) => [key, env[key] === '' ? undefined : env[key]]),
  );
  const parsed = schema.safeParse(picked);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`));
  }
  return parsed.data;
}

/** Where this API is reachable from outside: the buyer's way back and webhook URLs are built from it. */
export const publicBaseUrl = (config: Config) => config.PUBLIC_BASE_URL ?? `http://${config.HOST}:${config.PORT}`;
