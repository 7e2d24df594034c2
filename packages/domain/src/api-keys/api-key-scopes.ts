/** What the public API's routes are grouped by; each has a `.read` and a `.write` scope. */
export const API_RESOURCES = [
  'transactions',
  'buyers',
  'payment-services',
  'webhook-subscriptions',
  'api-keys',
  'reconciliation',
] as const;

/** Every scope a route asks for, and the two wildcards (`*.read`, `*.write`) that stand for a whole access. */
export const API_SCOPES: readonly string[] = [
  '*.read',
  '*.write',
  ...API_RESOURCES.flatMap((resource) => [`${resource}.read`, `${resource}.write`]),
];

/** Gr4vy's scope for a token the buyer's browser holds (Embed): it may do only what a checkout needs. */
export const EMBED_SCOPE = 'embed';

/** `*.write` does not imply read (Gr4vy): a scope is granted by itself or by the wildcard of its own access. */
export function grants(held: readonly string[], scope: string): boolean {
  const access = scope.split('.')[1];
  return held.includes(scope) || held.includes(`*.${access}`);
}

/**
 * What a token may do when its key allows only `ceiling` (null: a key made without scopes, no ceiling): each scope
 * the token claims and the key grants; a wildcard the key does not grant narrows to the key's scopes of that access.
 */
export function withinCeiling(claimed: readonly string[], ceiling: readonly string[] | null | undefined): string[] {
  if (!ceiling) return [...claimed];
  const kept = claimed.flatMap((scope) => {
    // An embed token creates its checkout's transaction: a key whose tokens may write transactions may sign one.
    if (scope === EMBED_SCOPE) return grants(ceiling, 'transactions.write') ? [scope] : [];
    if (grants(ceiling, scope)) return [scope];
    const [resource, access] = scope.split('.');
    return resource === '*' ? ceiling.filter((own) => own.endsWith(`.${access}`)) : [];
  });
  return [...new Set(kept)];
}
