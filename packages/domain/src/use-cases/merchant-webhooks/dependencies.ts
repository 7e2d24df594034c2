import type { MerchantSendSlots } from '../../merchant-webhooks/merchant-send-slots';
import type { Clock } from '../../ports/clock';
import type { EventTargetRenderer } from '../../ports/event-target-renderer';
import type { IdGenerator } from '../../ports/id-generator';
import type { JobScheduler } from '../../ports/job-scheduler';
import type { Outbox } from '../../ports/outbox';
import type { WebhookDeliveryRepository } from '../../ports/webhook-delivery-repository';
import type { WebhookSubscriptionRepository } from '../../ports/webhook-subscription-repository';
import type { WebhookTargetPolicy, WebhookTransport } from '../../ports/webhook-transport';

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
