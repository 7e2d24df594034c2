// The only way the dashboard reaches Kessai: the public HTTP API on the same origin, authenticated by the session
// cookie, with the session's CSRF token on every state change (the API refuses a change without it).
import { detailSentence, fieldOf } from './error-sentences';
import { type Translate, translator } from './i18n';

export interface ErrorDetail {
  location?: string;
  pointer?: string;
  message: string;
  type?: string;
}

/** The API's error envelope, as thrown by `request` for any non-2xx answer. */
export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: ErrorDetail[],
    readonly retryAfterSeconds: number | null,
  ) {
    super(message);
    this.name = 'ApiFailure';
  }

  /** The refusal's sentence for a field, by its JSON pointer (`/amount`), in the UI's language. */
  detailFor(field: string): string | undefined {
    const detail = this.details.find((d) => fieldOf(d.pointer, [field]));
    return detail && detailSentence(errorLanguage, this.code, detail);
  }
}

let errorLanguage: Translate = translator('en');

/** The language refusals are worded in: the app sets the UI's whenever it changes. */
export function speakErrorsIn(t: Translate): void {
  errorLanguage = t;
}

let csrfToken: string | null = null;
let onUnauthenticated: (() => void) | null = null;

/** Input this recent makes a poll the person's doing (they are looking and acting): it keeps the session alive. */
const USER_INPUT_GRACE_MS = 5_000;
let pollsInFlight = 0;
let lastUserInput = Date.now(); // loading the page is the person's doing

/** The person clicked, typed or came back to the tab. */
export function noteUserInput(at = Date.now()): void {
  lastUserInput = at;
}

/** Counts clicks, keys and the tab coming back into view as the person's activity. */
export function watchUserInput(target: Document): void {
  for (const type of ['pointerdown', 'keydown'])
    target.addEventListener(type, () => noteUserInput(), { capture: true, passive: true });
  target.addEventListener('visibilitychange', () => target.visibilityState === 'visible' && noteUserInput());
}

/**
 * Runs a poll: its requests say `X-Kessai-Background: 1` unless the person acted just now, so the server does not
 * count an unattended tab's polling as use and the session still ends when idle.
 */
export async function asBackground<T>(poll: () => Promise<T>): Promise<T> {
  pollsInFlight++;
  try {
    return await poll();
  } finally {
    pollsInFlight--;
  }
}

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Called when any call answers 401 (the session expired or was revoked): the app goes back to sign-in. */
export function whenUnauthenticated(handler: () => void): void {
  onUnauthenticated = handler;
}

/** A v4 UUID from getRandomValues (randomUUID needs a secure context; a dashboard behind plain HTTP has none). */
export function newIdempotencyKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export interface RequestOptions {
  body?: unknown;
  idempotencyKey?: string;
  query?: Record<string, string | string[] | undefined>;
}

export function pathWithQuery(path: string, query: RequestOptions['query']): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined || value === '') continue;
    for (const one of Array.isArray(value) ? value : [value]) params.append(key, one);
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

/** Bidi controls reorder the text shown around them: the API refuses them, but older rows or a provider's words may hold some. */
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/g;
const shown = (text: string) => text.replace(BIDI_CONTROLS, '');

/** An answer's JSON with no bidi control in any string or key, so no value the page shows can reorder it. */
export function parseAnswer(text: string): unknown {
  return JSON.parse(text, (_key, value: unknown) => {
    if (typeof value === 'string') return shown(value);
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [shown(key), item]));
  });
}

export async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (method !== 'GET' && method !== 'HEAD' && csrfToken) headers['x-csrf-token'] = csrfToken;
  if (options.idempotencyKey) headers['idempotency-key'] = options.idempotencyKey;
  if (pollsInFlight > 0 && Date.now() - lastUserInput > USER_INPUT_GRACE_MS) headers['x-kessai-background'] = '1';
  let body: string | undefined;
  if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers['content-type'] = 'application/json';
  }
  const init: RequestInit = { method, headers, credentials: 'same-origin', cache: 'no-store' };
  if (body !== undefined) init.body = body;
  const response = await fetch(pathWithQuery(path, options.query), init);
  const text = await response.text();
  let parsed: unknown;
  try {
    parsed = text ? parseAnswer(text) : undefined;
  } catch {
    parsed = undefined;
  }
  if (response.ok) return parsed as T;
  const envelope = (parsed ?? {}) as { code?: string; message?: string; details?: ErrorDetail[] };
  const retryAfter = Number(response.headers.get('retry-after'));
  const failure = new ApiFailure(
    response.status,
    envelope.code ?? `http_${response.status}`,
    envelope.message ?? (text.slice(0, 200) || response.statusText),
    Array.isArray(envelope.details) ? envelope.details : [],
    Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : null,
  );
  if (response.status === 401 && !path.startsWith('/dashboard/api/session')) onUnauthenticated?.();
  throw failure;
}

export interface Page<T> {
  items: T[];
  limit: number;
  next_cursor: string | null;
  previous_cursor: string | null;
}
