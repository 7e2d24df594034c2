import { InvalidFieldError, ReconciliationItemNotOpenError } from '../errors';
import type { Actor } from '../transactions/actor';
import type { DifferenceKind, ReconciliationItemStatus } from './difference-kind';

export interface Acknowledgement {
  actor: Actor;
  note: string;
  at: Date;
}

/**
 * One difference (or money in flight) found for a connection and a Japan day. Items belong to the day, not to a
 * run: a second run over the same day finds the same item again (same `key`, same id), so runs agree and nothing
 * is ever deleted.
 */
export interface ReconciliationItem {
  id: string;
  merchantAccountId: string;
  paymentServiceId: string;
  date: string;
  /** What the item is about, stable across runs (`kind:subject`). */
  key: string;
  kind: DifferenceKind;
  status: ReconciliationItemStatus;
  /** The run that found it first. */
  runId: string;
  transactionId: string | null;
  providerOrderId: string | null;
  kessaiAmount: number | null;
  providerAmount: number | null;
  /** What was seen, in a sentence. */
  detail: string;
  /**
   * How it was settled: `settled_by_sync` (the run applied the provider's facts), `agrees_now` (a later run found
   * the two sides agree: a late webhook, money no longer in flight) or `acknowledged`.
   */
  resolution: 'settled_by_sync' | 'agrees_now' | 'acknowledged' | null;
  acknowledgement: Acknowledgement | null;
  createdAt: Date;
  updatedAt: Date;
}

export const MAX_ACKNOWLEDGEMENT_NOTE = 1000;

/** A person looked at an open item and says why it may stay as it is. Only open items can be acknowledged. */
export function acknowledge(item: ReconciliationItem, actor: Actor, note: string, at: Date): ReconciliationItem {
  if (item.status !== 'open')
    throw new ReconciliationItemNotOpenError(`reconciliation item ${item.id} is ${item.status}, not open`);
  const trimmed = note.trim();
  if (trimmed.length === 0 || trimmed.length > MAX_ACKNOWLEDGEMENT_NOTE)
    throw new InvalidFieldError(`note must say why, in 1 to ${MAX_ACKNOWLEDGEMENT_NOTE} characters`, '/note');
  return {
    ...item,
    status: 'acknowledged',
    resolution: 'acknowledged',
    acknowledgement: { actor, note: trimmed, at },
    updatedAt: at,
  };
}

/** An open item that a later run no longer finds: the two sides agree now. */
export function agreesNow(item: ReconciliationItem, at: Date): ReconciliationItem {
  if (item.status !== 'open') return item;
  return { ...item, status: 'resolved', resolution: 'agrees_now', updatedAt: at };
}

/**
 * What a run records for an item it found: a new item as found, or the stored one, resolved if this run settled
 * what an earlier run left open. A stored item never goes back to open, and a person's acknowledgement stays.
 */
export function merged(stored: ReconciliationItem | undefined, found: ReconciliationItem): ReconciliationItem {
  if (!stored) return found;
  if (stored.status === 'open' && found.status === 'resolved')
    return { ...stored, status: 'resolved', resolution: 'settled_by_sync', updatedAt: found.updatedAt };
  return stored;
}
