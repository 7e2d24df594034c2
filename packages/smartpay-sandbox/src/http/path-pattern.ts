export type PathParams = Record<string, string>;
export type PathMatcher = (path: string) => PathParams | undefined;

/** `/v1/orders/:id/cancellation` style patterns; `:name` matches one non-empty segment. */
export function compilePathPattern(pattern: string): PathMatcher {
  const expected = pattern.split('/');
  return (path) => {
    const actual = path.split('/');
    if (actual.length !== expected.length) return undefined;
    const params: PathParams = {};
    for (let i = 0; i < expected.length; i++) {
      const want = expected[i] ?? '';
      const got = actual[i] ?? '';
      if (want.startsWith(':')) {
        if (got === '') return undefined;
        params[want.slice(1)] = safeDecode(got);
      } else if (want !== got) {
        return undefined;
      }
    }
    return params;
  };
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
