/**
 * Freezes a value and everything it holds, so it can be shared instead of copied: the state never changes it
 * (`evolve` builds new objects), and a reader that tries gets a TypeError rather than corrupting the state.
 * Already frozen objects are not walked again, which keeps a second freeze of shared details O(1).
 */
export function deepFreeze<T>(value: T): T {
  if (value === null || typeof value !== 'object' || Object.isFrozen(value)) return value;
  Object.freeze(value);
  for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
  return value;
}
