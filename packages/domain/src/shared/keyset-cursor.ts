/** Keyset cursor over (updated_at desc, id desc), opaque to clients: base64url of a small JSON array. Shared by
 * the storage adapters so every one pages the same way. */
export interface CursorPosition {
  direction: 'next' | 'previous';
  updatedAt: number;
  id: string;
}

export function encodeCursor(position: CursorPosition): string {
  return Buffer.from(
    JSON.stringify([position.direction === 'next' ? 'n' : 'p', position.updatedAt, position.id]),
  ).toString('base64url');
}

/** The instants a stored row can carry (1970 to 9999): anything else is no position a page could end at. */
const LATEST = Date.UTC(9999, 11, 31);

/** The ids a cursor may name: a row's UUID, or an API key's JWK thumbprint (SHA-256, base64url); nothing else. */
export const UUID_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const THUMBPRINT_ID = /^[A-Za-z0-9_-]{43}$/;

export function decodeCursor(cursor: string, idShape: RegExp = UUID_ID): CursorPosition | undefined {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (!Array.isArray(parsed) || parsed.length !== 3) return undefined;
    const [direction, updatedAt, id] = parsed as unknown[];
    if ((direction !== 'n' && direction !== 'p') || typeof updatedAt !== 'number' || !Number.isSafeInteger(updatedAt))
      return undefined;
    if (updatedAt < 0 || updatedAt > LATEST) return undefined;
    if (typeof id !== 'string' || !idShape.test(id)) return undefined;
    return { direction: direction === 'n' ? 'next' : 'previous', updatedAt, id };
  } catch {
    return undefined;
  }
}

/** The page's cursors: "next" after its last item, "previous" before its first, each only if more lie there. */
export function pageCursors(
  items: ReadonlyArray<{ id: string; updatedAt: Date }>,
  more: { after: boolean; before: boolean },
): { nextCursor: string | null; previousCursor: string | null } {
  const first = items[0];
  const last = items[items.length - 1];
  return {
    nextCursor:
      more.after && last ? encodeCursor({ direction: 'next', updatedAt: last.updatedAt.getTime(), id: last.id }) : null,
    previousCursor:
      more.before && first
        ? encodeCursor({ direction: 'previous', updatedAt: first.updatedAt.getTime(), id: first.id })
        : null,
  };
}
