import { InvalidFieldError } from '../../errors';
import type { EventWindow, Page, StoredEvent } from '../ports/transaction-repository';

/** Where a page of a transaction's history starts: after (next) or before (previous) an event's sequence. */
interface HistoryPosition {
  direction: 'next' | 'previous';
  sequence: number;
}

const encode = (position: HistoryPosition) =>
  Buffer.from(JSON.stringify([position.direction === 'next' ? 'n' : 'p', position.sequence])).toString('base64url');

function decode(cursor: string): HistoryPosition {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(parsed) && parsed.length === 2) {
      const [direction, sequence] = parsed as unknown[];
      if ((direction === 'n' || direction === 'p') && Number.isInteger(sequence) && (sequence as number) >= 0)
        return { direction: direction === 'n' ? 'next' : 'previous', sequence: Math.min(sequence as number, 2 ** 31) };
    }
  } catch {
    // not base64url JSON: refused below like any other stranger
  }
  throw new InvalidFieldError('cursor is not valid', '/cursor');
}

/**
 * One page of a transaction's history, oldest first, with Gr4vy's opaque cursors. It reads one event beyond the
 * page to know whether more lie that way, so a page costs `limit + 1` rows however long the history.
 */
export async function historyPage(
  read: (window: EventWindow) => Promise<StoredEvent[]>,
  page: { limit: number; cursor?: string | undefined },
): Promise<Page<StoredEvent>> {
  const position = page.cursor === undefined ? undefined : decode(page.cursor);
  const backward = position?.direction === 'previous';
  const found = await read(
    backward
      ? { limit: page.limit + 1, before: position.sequence }
      : { limit: page.limit + 1, after: position?.sequence },
  );
  const more = found.length > page.limit;
  const items = backward ? found.slice(-page.limit) : found.slice(0, page.limit);
  const first = items[0];
  const last = items[items.length - 1];
  const moreAfter = backward || more;
  const moreBefore = backward ? more : position !== undefined;
  return {
    items,
    nextCursor: moreAfter && last ? encode({ direction: 'next', sequence: last.sequence }) : null,
    previousCursor: moreBefore && first ? encode({ direction: 'previous', sequence: first.sequence }) : null,
  };
}
