import type { PaymentOption, Unavailable } from './embed-api';

/** What `onEvent` hears, after Gr4vy Embed's event names. */
export type EmbedEvent =
  | { name: 'optionsLoaded'; data: { options: PaymentOption[]; unavailable: Unavailable[] } }
  | { name: 'paymentMethodSelected'; data: { method: string } }
  | { name: 'approvalStarted'; data: { transactionId: string; approvalUrl: string } }
  | { name: 'transactionCreated'; data: { id: string; status: string; method: string | null } }
  | { name: 'transactionFailed'; data: { id: string; status: string; method: string | null } }
  | { name: 'apiError'; data: { status: number; code: string; message: string } };
