import fc from 'fast-check';

/**
 * Generators for the inputs that once broke Kessai: each class was found by an attack from outside, and the fuzz
 * draws from all of them so that removing any guard makes it fail.
 */

/** Lone UTF-16 surrogates (high and low), alone or inside ordinary text. */
export const loneSurrogateText = fc
  .tuple(
    fc.string({ maxLength: 4 }),
    fc.constantFrom('\ud800', '\udbff', '\udc00', '\udfff', '\ud83d'),
    fc.string({ maxLength: 4 }),
  )
  .map(([before, surrogate, after]) => `${before}${surrogate}${after}`);

/** Text made of the characters storage and SQL quoting trip over, well-formed surrogate pairs among them. */
export const awkwardText = fc.string({
  unit: fc.constantFrom('\u0000', '\u0001', '\u001f', "'", '"', '\\', '$', '?', '%', '\u2028', 'é', '𝕂', 'a', ' '),
  maxLength: 12,
});

/** JSON text nested thousands of levels deep (arrays, objects, or both), small enough to pass the body limit. */
export const deeplyNestedJson = fc
  .tuple(fc.integer({ min: 30, max: 12_000 }), fc.constantFrom('array', 'object', 'mixed'))
  .map(([depth, shape]) => {
    const isArray = (i: number) => shape === 'array' || (shape === 'mixed' && i % 2 === 1);
    const levels = Array.from({ length: depth }, (_, i) => isArray(i));
    const opens = levels.map((array) => (array ? '[' : '{"k":')).join('');
    const closes = levels
      .map((array) => (array ? ']' : '}'))
      .reverse()
      .join('');
    return `${opens}1${closes}`;
  });

/** Bodies that are not a JSON object: a client bug, never to be read as "use the defaults". */
export const nonObjectBody = fc.oneof(
  { arbitrary: fc.constant('null'), weight: 3 },
  fc.constantFrom('null', ' ', '\n\t ', 'true', 'false', '0', '3000', '"all"', '""', '[]', '[{}]'),
  fc
    .jsonValue({ maxDepth: 2 })
    .filter((v) => v === null || typeof v !== 'object' || Array.isArray(v))
    .map((v) => JSON.stringify(v)),
);

/** A body whose top-level key, or a value at the first level, carries a lone surrogate. */
export const surrogateInKeyOrValue = (base: Record<string, unknown>) =>
  fc
    .tuple(loneSurrogateText, fc.boolean(), fc.constantFrom(...Object.keys(base), 'metadata'))
    .map(([text, asKey, key]) =>
      JSON.stringify(asKey ? { ...base, [text]: 'v' } : { ...base, [key]: { [key]: text } }),
    );

/** List cursors: well-formed ones at positions no row can have, and malformed ones. */
export const extremeCursor = fc.oneof(
  fc
    .tuple(
      fc.constantFrom('n', 'p'),
      fc.oneof(
        fc.constantFrom(Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER, 8.64e15 + 1, -8.64e15 - 1, -1, 1e300),
        fc.integer(),
        fc.double(),
      ),
      fc.constantFrom('7c9e6679-7425-40de-944b-e07fc1f90ae7', 'x', ''),
    )
    .map((position) => Buffer.from(JSON.stringify(position)).toString('base64url')),
  fc.string({ maxLength: 40 }).map((text) => Buffer.from(text).toString('base64url')),
  fc.string({ minLength: 1, maxLength: 40 }),
);

/** Query strings for the list routes: cursors, limits and metadata filters, hostile ones included. */
export const listQuery = fc
  .record(
    {
      cursor: extremeCursor,
      limit: fc.oneof(fc.integer({ min: -5, max: 200 }).map(String), fc.constantFrom('1e3', '', 'NaN', '9'.repeat(30))),
      metadata: fc.oneof(
        fc.constantFrom('{"__proto__":"x"}', '{"constructor":"x"}', '{}', '[]', 'null', '{"a":1}'),
        loneSurrogateText.map((t) => JSON.stringify({ [t]: t })),
        awkwardText,
      ),
      status: fc.constantFrom('capture_succeeded', 'bogus', ''),
    },
    { requiredKeys: [] },
  )
  .map((params) => new URLSearchParams(params as Record<string, string>).toString());

/** Path segments: overlong, percent-encoded lone surrogates and NUL, traversal. */
export const hostileSegment = fc.oneof(
  fc.integer({ min: 90, max: 6_000 }).map((n) => 'a'.repeat(n)),
  fc.constantFrom('%ED%A0%80', '%00', '%C0%AF', '..%2F..', '%', '7c9e6679-7425-40de-944b-e07fc1f90ae7'),
  fc.string({ maxLength: 20 }).map(encodeURIComponent),
);
