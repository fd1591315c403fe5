import type { WebhookAttemptRow, WebhookDeliveryRow, WebhookEventRow } from '../db/schema.js';
import { AppError } from '../errors/app-error.js';
import type { WebhookDeliveryRepository } from './webhook-delivery.repository.js';
import type { WebhookScheduler } from './webhook-delivery.service.js';
import type { WebhookEndpointService } from './webhook-endpoint.service.js';
import { envelopeOf, webhookIdOf } from './webhook-envelope.js';

function toDeliveryView(row: WebhookDeliveryRow & { eventType: string; eventId: string }) {
  return {
    id: row.id,
    endpointId: row.endpointId,
    eventId: row.eventId,
    webhookId: webhookIdOf(row.eventId),
    eventType: row.eventType,
    status: row.status,
    attempts: row.attempts,
    nextAttemptAt: row.status === 'pending' ? row.nextAttemptAt.toISOString() : null,
    lastStatusCode: row.lastStatusCode,
    lastError: row.lastError,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

function toAttemptView(row: WebhookAttemptRow) {
  return {
    attempt: row.attempt,
    statusCode: row.statusCode,
    latencyMs: row.latencyMs,
    responseExcerpt: row.responseExcerpt,
    error: row.error,
    at: row.createdAt.toISOString(),
  };
}

export type DeliveryView = ReturnType<typeof toDeliveryView>;

/** The delivery log a person reads over the API: deliveries per endpoint, their attempts, replays. */
export class WebhookDeliveryLogService {
  constructor(
    private readonly deps: {
      deliveries: WebhookDeliveryRepository;
      endpoints: Pick<WebhookEndpointService, 'get'>;
      scheduler: WebhookScheduler;
    },
  ) {}

  async list(
    siteId: string,
    endpointId: string,
    query: { status?: string; before?: string; limit: number },
  ): Promise<{ deliveries: DeliveryView[] }> {
    await this.deps.endpoints.get(siteId, endpointId);
    const rows = await this.deps.deliveries.list(endpointId, {
      ...(query.status ? { status: query.status } : {}),
      ...(query.before ? { before: new Date(query.before) } : {}),
      limit: query.limit,
    });
    return { deliveries: rows.map(toDeliveryView) };
  }

  /** One delivery with every attempt and the body it sends. */
  async get(siteId: string, endpointId: string, deliveryId: string) {
    await this.deps.endpoints.get(siteId, endpointId);
    const found = await this.deps.deliveries.find(endpointId, deliveryId);
    if (!found) throw new AppError('NOT_FOUND', 'No such delivery.');
    return {
      delivery: toDeliveryView({ ...found.delivery, eventType: found.event.type }),
      payload: envelopeOf(found.event as WebhookEventRow),
      attempts: found.attempts.map(toAttemptView),
    };
  }

  /** Sends a failed delivery again now, with its original `webhook-id`. */
  async replay(siteId: string, endpointId: string, deliveryId: string): Promise<{ replayed: number }> {
    await this.deps.endpoints.get(siteId, endpointId);
    const rows = await this.deps.deliveries.replay(endpointId, { deliveryId });
    if (rows.length === 0) {
      const exists = await this.deps.deliveries.find(endpointId, deliveryId);
      if (!exists) throw new AppError('NOT_FOUND', 'No such delivery.');
      throw new AppError('CONFLICT', `Only a failed delivery can be replayed; this one is ${exists.delivery.status}.`);
    }
    await this.queue(rows);
    return { replayed: rows.length };
  }

  /** Sends every failed delivery of the endpoint created since `since` again. */
  async replayFailedSince(siteId: string, endpointId: string, since: Date): Promise<{ replayed: number }> {
    await this.deps.endpoints.get(siteId, endpointId);
    const rows = await this.deps.deliveries.replay(endpointId, { since });
    await this.queue(rows);
    return { replayed: rows.length };
  }

  private async queue(rows: Array<{ id: string; attempts: number }>): Promise<void> {
    await this.deps.scheduler.schedule(rows.map((row) => ({ deliveryId: row.id, attempt: row.attempts + 1 })));
  }
}
