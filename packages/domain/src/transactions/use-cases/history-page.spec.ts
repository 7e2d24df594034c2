import { InvalidFieldError } from '../../errors';
import type { EventWindow, StoredEvent } from '../ports/transaction-repository';
import { historyPage } from './history-page';

const history = Array.from({ length: 7 }, (_, i) => ({ sequence: i + 1 }) as StoredEvent);
const windows: EventWindow[] = [];
const read = async (window: EventWindow) => {
  windows.push(window);
  const { after = 0, before = Number.MAX_SAFE_INTEGER, limit } = window;
  const inside = history.filter((e) => e.sequence > after && e.sequence < before);
  return window.before === undefined ? inside.slice(0, limit) : inside.slice(-limit);
};
const sequences = (page: { items: StoredEvent[] }) => page.items.map((e) => e.sequence);

describe("a transaction's history, a page at a time", () => {
  it('pages forward oldest first and back again, reading one event beyond each page', async () => {
    const first = await historyPage(read, { limit: 3 });
    expect([sequences(first), first.previousCursor]).toEqual([[1, 2, 3], null]);
    const second = await historyPage(read, { limit: 3, cursor: first.nextCursor ?? '' });
    const third = await historyPage(read, { limit: 3, cursor: second.nextCursor ?? '' });
    expect([sequences(second), sequences(third), third.nextCursor]).toEqual([[4, 5, 6], [7], null]);
    const back = await historyPage(read, { limit: 3, cursor: third.previousCursor ?? '' });
    expect(sequences(back)).toEqual([4, 5, 6]);
    const start = await historyPage(read, { limit: 3, cursor: back.previousCursor ?? '' });
    expect([sequences(start), start.previousCursor]).toEqual([[1, 2, 3], null]);
    expect(windows.every((w) => w.limit === 4)).toBe(true);
  });

  it.each(['nonsense', Buffer.from('["n",-1]').toString('base64url'), Buffer.from('["x",2]').toString('base64url')])(
    'refuses a cursor it never gave (%s) naming the cursor',
    async (cursor) => {
      await expect(historyPage(read, { limit: 3, cursor })).rejects.toMatchObject({
        constructor: InvalidFieldError,
        field: '/cursor',
      });
    },
  );
});
