// The parts of the API's resources the dashboard reads (the full shapes are in the API's /openapi.json).
import type { TransactionStatus as DomainTransactionStatus, TransactionAction } from '@kessai/domain';
import type { AsTheDomain } from './as-the-domain';

export const TRANSACTION_STATUSES = [
  'processing',
  'buyer_approval_pending',
  'authorization_succeeded',
  'authorization_declined',
  'authorization_failed',
  'capture_pending',
  'capture_succeeded',
  'authorization_void_pending',
  'authorization_voided',
] as const;
export type TransactionStatus = (typeof TRANSACTION_STATUSES)[number];

export const statusesAsTheDomain: AsTheDomain<TransactionStatus, DomainTransactionStatus> = true;

export interface Session {
  type: 'dashboard-session';
  user: {
    id: string;
    email: string;
    role: 'admin' | 'viewer';
    merchant_account_id: string;
    /** Invited with a one-time password: the only page is the password change until it is made. */
    must_change_password?: boolean;
  };
  merchant_account: { id: string; time_zone?: string | null };
  csrf_token: string;
  expires_at: string;
  idle_expires_at: string;
}

export interface Address {
  line1: string;
  line2: string | null;
  city: string;
  state: string;
  postal_code: string;
  country: string;
}

export interface Person {
  first_name: string;
  last_name: string;
  email_address: string;
  phone_number: string | null;
  address: Address;
}

export interface CartItem {
  name: string;
  quantity: number;
  unit_amount: number;
  discount_amount: number;
  tax_amount: number;
  product_type: string | null;
  sku: string | null;
}

export interface Transaction {
  id: string;
  status: TransactionStatus;
  intent: 'authorize' | 'capture';
  amount: number;
  authorized_amount: number;
  captured_amount: number;
  refunded_amount: number;
  currency: string;
  external_identifier: string | null;
  metadata: Record<string, string> | null;
  payment_method: { approval_url: string | null };
  payment_service: { id: string; display_name: string };
  payment_service_transaction_id: string | null;
  buyer: { display_name: string | null; external_identifier: string | null; billing_details: Person | null };
  shipping_details: Person | null;
  cart_items: CartItem[];
  error_code: string | null;
  raw_response_code: string | null;
  raw_response_description: string | null;
  created_at: string;
  updated_at: string;
  authorized_at: string | null;
  captured_at: string | null;
  voided_at: string | null;
  canceled_at: string | null;
  approval_expires_at: string | null;
  /** What the transaction allows now, as the API decides it (Kessai extension). */
  actions: TransactionAction[];
}

export interface Capture {
  id: string;
  status: 'pending' | 'succeeded' | 'declined' | 'failed';
  amount: number;
  final: boolean;
  payment_service_capture_id: string | null;
  error_code: string | null;
  raw_response_description: string | null;
  created_at: string;
}

export interface Refund {
  id: string;
  status: 'processing' | 'succeeded' | 'failed' | 'declined' | 'voided';
  amount: number;
  reason: string | null;
  payment_service_refund_ids: string[];
  error_code: string | null;
  raw_response_description: string | null;
  created_at: string;
}

export interface Actor {
  type: string;
  id: string;
  display: string;
}

export interface TransactionEvent {
  id: string;
  name: string;
  created_at: string;
  actor?: Actor | null;
  context: Record<string, unknown>;
}

export interface PaymentService {
  id: string;
  display_name: string;
  active: boolean;
  is_deleted: boolean;
  /** The one a transaction naming no `payment_service_id` is made on, as the API decides it (Kessai extension). */
  used_for_new_transactions: boolean;
  webhook_url: string;
  provider_webhook_endpoint_id: string | null;
  created_at?: string;
}

export interface WebhookSubscription {
  id: string;
  url: string;
  active: boolean;
  rotating: boolean;
  previous_secret_expires_at: string | null;
  /** The events it is sent: the chosen ones, or every published one. */
  events: string[];
  /** No set chosen: events published later are sent too. */
  all_events: boolean;
  created_at: string;
  secret?: string | null;
}

export interface WebhookDelivery {
  id: string;
  event_name: string;
  transaction_id: string;
  status: 'pending' | 'succeeded' | 'failed';
  attempts: Array<{
    number: number;
    attempted_at: string;
    duration_ms: number;
    response_status: number | null;
    error: string | null;
    /** The headers sent, signature included (never the secret); null for attempts recorded before they were kept. */
    request_headers: Record<string, string> | null;
    /** The start of the answer body; null when nothing answered. */
    response_body_excerpt: string | null;
  }>;
  next_attempt_at: string | null;
  created_at: string;
  delivered_at: string | null;
  /** The body every attempt sends, exactly. */
  payload: Record<string, unknown>;
}

export interface ApiKey {
  id: string;
  name: string;
  /** Null for a key made by the CLI: its tokens are not bounded. */
  scopes: string[] | null;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
  private_key_pem?: string;
}
