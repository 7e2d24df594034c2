import { compilePathPattern, type PathMatcher, type PathParams } from './path-pattern';

export type RouteMatch<H> = { kind: 'found'; handler: H; params: PathParams } | { kind: 'method-not-allowed' };

export class Router<H> {
  private readonly routes: Array<{ method: string; matcher: PathMatcher; handler: H }> = [];

  add(method: string, pattern: string, handler: H): this {
    this.routes.push({ method, matcher: compilePathPattern(pattern), handler });
    return this;
  }

  find(method: string, path: string): RouteMatch<H> | undefined {
    let pathKnown = false;
    for (const route of this.routes) {
      const params = route.matcher(path);
      if (!params) continue;
      if (route.method === method) return { kind: 'found', handler: route.handler, params };
      pathKnown = true;
    }
    return pathKnown ? { kind: 'method-not-allowed' } : undefined;
  }
}
