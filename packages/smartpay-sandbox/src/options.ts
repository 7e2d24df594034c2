import { type Clock, systemClock } from './clock';
import type { RetryPolicy } from './webhooks/dispatcher';

export interface SandboxOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Smartpay's "now"; the control API adds an offset on top. Default: Date.now. */
  clock?: Clock;
  /** How long the buyer can act on a checkout session. Default 30 minutes. */
  checkoutSessionTtlMs?: number;
  /** Authorization hold after approval (order.expiresAt). Default 7 days. */
  authorizationTtlMs?: number;
  /** Refuse a checkout `amount` that differs from items − discounts + tax + shipping. Default true. */
  strictAmountCheck?: boolean;
  /** Makes ids, signing secrets and probabilistic faults reproducible. Default: crypto randomness. */
  seed?: string | number;
  /** Default { maxAttempts: 5, baseDelayMs: 200, timeoutMs: 2000 }. */
  webhookRetry?: Partial<RetryPolicy>;
  /** Origin used in checkout-session `url`s (e.g. behind a proxy). Default: the listening base URL. */
  publicBaseUrl?: string;
  /** Accepted secret keys; omitted = any `sk_(test|live)_…` key, each its own merchant. */
  secretKeys?: readonly string[];
  /** Keep the state in this JSON file, saved after every change (restart- and kill-safe). Default: memory only. */
  stateFile?: string;
}

export interface ResolvedOptions {
  clock: Clock;
  checkoutSessionTtlMs: number;
  authorizationTtlMs: number;
  strictAmountCheck: boolean;
  seed: string | number | undefined;
  webhookRetry: RetryPolicy;
  publicBaseUrl: string;
  secretKeys: ReadonlySet<string> | undefined;
}

export const DEFAULT_CHECKOUT_SESSION_TTL_MS = 30 * 60 * 1000;
export const DEFAULT_AUTHORIZATION_TTL_MS = 7 * 24 * 60 * 60 * 1000;

export function resolveOptions(options: SandboxOptions, baseUrl: string): ResolvedOptions {
  return {
    clock: options.clock ?? systemClock,
    checkoutSessionTtlMs: options.checkoutSessionTtlMs ?? DEFAULT_CHECKOUT_SESSION_TTL_MS,
    authorizationTtlMs: options.authorizationTtlMs ?? DEFAULT_AUTHORIZATION_TTL_MS,
    strictAmountCheck: options.strictAmountCheck ?? true,
    seed: options.seed,
    webhookRetry: { maxAttempts: 5, baseDelayMs: 200, timeoutMs: 2000, ...options.webhookRetry },
    publicBaseUrl: (options.publicBaseUrl ?? baseUrl).replace(/\/+$/, ''),
    secretKeys: options.secretKeys ? new Set(options.secretKeys) : undefined,
  };
}
