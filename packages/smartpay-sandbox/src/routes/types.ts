import type { SandboxCore } from '../core';
import type { PathParams } from '../http/path-pattern';
import type { Router } from '../http/router';
import type { Partition } from '../store';

export interface ApiRequest {
  core: SandboxCore;
  partition: Partition;
  params: PathParams;
  query: URLSearchParams;
  /** Decoded JSON (undefined when the body was empty). */
  body: unknown;
}

export interface ApiResult {
  status: number;
  /** Omitted for 204. */
  body?: unknown;
}

/** Synchronous on purpose: see IdempotencyCache for why a handler must never await. */
export type ApiHandler = (req: ApiRequest) => ApiResult;

export type ApiRouter = Router<ApiHandler>;

export const ok = (body: unknown): ApiResult => ({ status: 200, body });

export function param(req: ApiRequest, name: string): string {
  return req.params[name] ?? '';
}
