import type { Clock } from '../shared/clock';
import type { IdGenerator } from '../shared/id-generator';
import type { JobScheduler } from '../shared/job-scheduler';
import type { Outbox } from '../transactions/ports/outbox';
import type { EventTargetRenderer } from './event-target-renderer';
import type { MerchantSendSlots } from './merchant-send-slots';
import type { WebhookDeliveryRepository } from './webhook-delivery-repository';
import type { WebhookSubscriptionRepository } from './webhook-subscription-repository';
import type { WebhookTargetPolicy, WebhookTransport } from './webhook-transport';

/** What the outgoing-webhook use cases need, all as ports. */
export interface MerchantWebhookDependencies {
  outbox: Outbox;
  subscriptions: WebhookSubscriptionRepository;
  deliveries: WebhookDeliveryRepository;
  transport: WebhookTransport;
  targetPolicy: WebhookTargetPolicy;
  targets: EventTargetRenderer;
  clock: Clock;
  ids: IdGenerator;
  jobs: JobScheduler;
  /** This process's sends in flight per merchant account: one per process, shared by every sender. */
  sendSlots: MerchantSendSlots;
  /** How long a rotated-out secret keeps signing (both signatures are sent meanwhile). */
  rotationGraceMs: number;
  /** The first retry's delay; each next one doubles (default 5 s, capped at 6 h). */
  firstRetryMs?: number;
}
