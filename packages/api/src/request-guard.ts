import type { ErrorDetail } from './api-error';

/** Deeper than any request Kessai documents; a walk (here or in a schema) deeper than this only serves an attack. */
export const MAX_NESTING = 32;

type TextRule = (text: string) => string | undefined;

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * What a stored value can never hold: U+0000 (PostgreSQL text refuses it) and a lone UTF-16 surrogate (PostgreSQL
 * JSON refuses it, and text would keep U+FFFD instead of what was sent). Keys count as much as values.
 */
function unstorable(text: string): string | undefined {
  if (text.includes('\u0000')) return 'must not contain the NUL character (U+0000)';
  if (LONE_SURROGATE.test(text)) return 'must not contain a lone UTF-16 surrogate (not valid Unicode)';
  return undefined;
}

/** Bidirectional formatting characters: embeddings and overrides, isolates, and the marks LRM, RLM and ALM. */
const BIDI_CONTROL = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/;

/**
 * What a shown value may not hold: a bidi control reorders the text around it wherever it is displayed (the
 * dashboard, a shop's back office), so `order-\u202Egnp.exe` reads as `order-exe.png`.
 */
function unshowable(text: string): string | undefined {
  if (BIDI_CONTROL.test(text))
    return 'must not contain bidirectional control characters (U+202A–U+202E, U+2066–U+2069, U+200E, U+200F, U+061C)';
  return undefined;
}

/** Every rule a string in a parsed request obeys; a raw body (a provider's signed webhook) only needs storing. */
export const REQUEST_TEXT_RULES: readonly TextRule[] = [unstorable, unshowable];
export const RAW_TEXT_RULES: readonly TextRule[] = [unstorable];

const escapeKey = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1');

/**
 * The first part of a parsed body or query that no route may accept, as an error detail: nesting beyond
 * `MAX_NESTING`, or text a rule refuses. Iterative, so no input can exhaust the stack.
 */
export function unacceptablePart(
  value: unknown,
  location: ErrorDetail['location'],
  rules: readonly TextRule[] = REQUEST_TEXT_RULES,
): ErrorDetail | undefined {
  const problemOf = (text: string) => rules.map((rule) => rule(text)).find(Boolean);
  const pending: Array<{ node: unknown; pointer: string; depth: number }> = [{ node: value, pointer: '', depth: 0 }];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const { node, pointer, depth } = next;
    if (typeof node === 'string') {
      const problem = problemOf(node);
      if (problem) return { location, pointer: pointer || '/', message: problem, type: 'invalid_string' };
      continue;
    }
    if (node === null || typeof node !== 'object') continue;
    if (depth >= MAX_NESTING) {
      return {
        location,
        pointer: pointer || '/',
        message: `nested more than ${MAX_NESTING} levels deep`,
        type: 'too_deeply_nested',
      };
    }
    const entries: Array<[string, unknown]> = Array.isArray(node)
      ? node.map((item, index) => [String(index), item])
      : Object.entries(node);
    for (let i = entries.length - 1; i >= 0; i--) {
      const [key, item] = entries[i] as [string, unknown];
      const here = `${pointer}/${escapeKey(key)}`;
      const problem = problemOf(key);
      if (problem) return { location, pointer: here, message: `key ${problem}`, type: 'invalid_string' };
      pending.push({ node: item, pointer: here, depth: depth + 1 });
    }
  }
  return undefined;
}

/** A POST body is a JSON object: `null`, an array or a scalar is a client bug, never "the defaults". */
export function isJsonObject(body: unknown): body is Record<string, unknown> {
  return body !== null && typeof body === 'object' && !Array.isArray(body);
}

export const kindOf = (body: unknown) =>
  body === null ? 'null' : Array.isArray(body) ? 'an array' : typeof body === 'string' ? 'text' : `a ${typeof body}`;
