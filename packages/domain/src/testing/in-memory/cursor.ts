/** Keyset cursor over (updated_at desc, id desc), opaque to clients. Shared by the in-memory list and its tests. */
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

/** Undefined for anything that is not a cursor this adapter issued (the API turns that into a 400). */
export function decodeCursor(cursor: string): CursorPosition | undefined {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (!Array.isArray(parsed) || parsed.length !== 3) return undefined;
    const [direction, updatedAt, id] = parsed as unknown[];
    if ((direction !== 'n' && direction !== 'p') || typeof updatedAt !== 'number' || typeof id !== 'string')
      return undefined;
    return { direction: direction === 'n' ? 'next' : 'previous', updatedAt, id };
  } catch {
    return undefined;
  }
}
