/**
 * An outbox row holds a unit of work's events; each event's position is its row's position times this, plus its
 * place in the row: distinct and in causal order, as deliveries of one transaction are ordered by it.
 */
export const OUTBOX_ROW_EVENTS = 1024;

export function entryPosition(rowPosition: number, place: number): number {
  return rowPosition * OUTBOX_ROW_EVENTS + place;
}
