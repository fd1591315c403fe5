import { WEBHOOK_TEST_EVENT, type WebhookEventType } from '../contracts/webhooks.js';
import type { Database } from '../db/client.js';
import { recordOutboxEvent, type OutboxDispatch, type SqlExecutor } from '../db/webhook-outbox.js';

/** What {@link WebhookEventRecorder.recordWebhookEvent} wrote. */
export interface RecordedWebhookEvent {
  /** One per enabled endpoint of the site subscribed to the type; empty when nobody listens. */
  deliveryIds: string[];
  /**
   * Queues the deliveries. Call it after your transaction committed (it is called for you when no
   * transaction was given). Forgetting it delays delivery until the next sweep, it loses nothing.
   */
  dispatch(): void;
}

/**
 * The outbox for other domains (the handoff service's `conversation.handoff_requested` and
 * `ticket.requested`): records an event in the caller's transaction, so it commits or rolls back with
 * the change it reports, with the payload as the caller built it at that moment. docs/webhooks.md.
 */
export class WebhookEventRecorder {
  constructor(
    private readonly db: Database,
    private readonly dispatchDeliveries: OutboxDispatch,
  ) {}

  /**
   * Writes `type` for the conversation (bumping its event sequence number) in ONE statement on `tx`,
   * or on its own when `tx` is undefined. `data` becomes the envelope's `data`, as given.
   */
  async recordWebhookEvent(
    tx: SqlExecutor | undefined,
    siteId: string,
    conversationId: string,
    type: WebhookEventType,
    data: Record<string, unknown>,
  ): Promise<RecordedWebhookEvent> {
    const { deliveryIds } = await recordOutboxEvent(tx ?? this.db, { siteId, conversationId, type, data });
    const recorded = {
      deliveryIds,
      dispatch: () => {
        if (deliveryIds.length > 0) this.dispatchDeliveries(deliveryIds);
      },
    };
    if (!tx) recorded.dispatch();
    return recorded;
  }

  /** The "send test event" action: a `webhook.test` event for one endpoint, queued at once. */
  async recordTestEvent(siteId: string, endpointId: string, data: Record<string, unknown>): Promise<string | undefined> {
    const { deliveryIds } = await recordOutboxEvent(this.db, {
      siteId,
      conversationId: null,
      type: WEBHOOK_TEST_EVENT,
      data,
      onlyEndpointId: endpointId,
    });
    if (deliveryIds.length > 0) this.dispatchDeliveries(deliveryIds);
    return deliveryIds[0];
  }
}
