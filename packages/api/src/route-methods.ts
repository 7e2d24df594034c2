import type { FastifyInstance } from 'fastify';

/**
 * Which methods each route path answers, learned as routes are added, so a known path asked with another method
 * gets Gr4vy's 405 `method_not_allowed` (with `Allow`) instead of a 404 that says the path does not exist.
 */
export function routeMethods(app: FastifyInstance): (path: string) => string[] {
  const routes: Array<{ pattern: RegExp; methods: Set<string> }> = [];
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    const source = route.url
      .split('/')
      .map((part) => (part.startsWith(':') ? '[^/]+' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
      .join('/');
    const pattern = new RegExp(`^${source}/?$`);
    const existing = routes.find((candidate) => candidate.pattern.source === pattern.source);
    const target = existing ?? { pattern, methods: new Set<string>() };
    for (const method of methods) target.methods.add(method);
    if (!existing) routes.push(target);
  });
  return (path) => {
    const allowed = new Set<string>();
    for (const route of routes) if (route.pattern.test(path)) for (const method of route.methods) allowed.add(method);
    return [...allowed].sort();
  };
}
