/**
 * PostgreSQL text cannot hold U+0000: a value carrying one would fail deep in storage (a 500, and over the simple
 * protocol a broken connection). Requests are refused at the edge instead, naming the field.
 */
export function pointerToNulCharacter(value: unknown, pointer = ''): string | undefined {
  if (typeof value === 'string') return value.includes('\u0000') ? pointer || '/' : undefined;
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      const found = pointerToNulCharacter(item, `${pointer}/${index}`);
      if (found) return found;
    }
    return undefined;
  }
  if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const here = `${pointer}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`;
      if (key.includes('\u0000')) return here;
      const found = pointerToNulCharacter(item, here);
      if (found) return found;
    }
  }
  return undefined;
}
