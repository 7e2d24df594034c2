import type { TransactionEvent } from './transaction-events';

/** The capture or refund an event is about: the child it changed. */
export interface EventSubject {
  readonly kind: 'capture' | 'refund';
  readonly id: string;
}

/** The child an event names, if any (`evolve` changes no child an event does not name). */
export function subjectOf(event: TransactionEvent): EventSubject | null {
  if ('capture' in event) return { kind: 'capture', id: event.capture.id };
  if ('captureId' in event) return { kind: 'capture', id: event.captureId };
  if ('refund' in event) return { kind: 'refund', id: event.refund.id };
  if ('refundId' in event) return { kind: 'refund', id: event.refundId };
  return null;
}
