import type { WebhookJob } from '../contracts/webhooks.js';
import type { WebhookEndpointRow } from '../db/schema.js';
import type { Logger } from '../observability/logger.js';
import { serializeWithinCap, type TranscriptLink } from './payload-cap.js';
import { nextAttemptDelayMs } from './retry-schedule.js';
import type { SecretBox } from './secret-box.js';
import type { AttemptRecord, WebhookDeliveryRepository } from './webhook-delivery.repository.js';
import type { WebhookEndpointRepository } from './webhook-endpoint.repository.js';
import { envelopeOf, webhookIdOf } from './webhook-envelope.js';
import type { SendResult, WebhookHttpSender } from './webhook-http-sender.js';
import { signWebhook } from './webhook-signer.js';

/** Queues attempts (the `webhook` queue provides it). `key` makes a re-queue from the sweep distinct. */
export interface WebhookScheduler {
  schedule(jobs: ReadonlyArray<WebhookJob & { delayMs?: number; key?: string }>): Promise<void>;
}

export interface WebhookDeliveryServiceDeps {
  deliveries: WebhookDeliveryRepository;
  endpoints: WebhookEndpointRepository;
  sender: Pick<WebhookHttpSender, 'send'>;
  secrets: SecretBox;
  scheduler: WebhookScheduler;
  /** Delay before each attempt; attempt 1 is `retryScheduleMs[0]` (0: at once). */
  retryScheduleMs: readonly number[];
  /** An endpoint failing without a success for this long is disabled. */
  disableAfterMs: number;
  maxPayloadBytes: number;
  /** How long an attempt may hold its delivery before another worker may take it (> the HTTP timeout). */
  leaseMs: number;
  transcriptLink: TranscriptLink;
  logger: Logger;
}

/** Only 2xx is success. */
function succeeded(result: SendResult): boolean {
  return result.statusCode !== undefined && result.statusCode >= 200 && result.statusCode < 300;
}

/**
 * One attempt of one delivery: sign (Standard Webhooks, every live secret), POST, log the attempt,
 * then settle: success; failed for good (410 disables the endpoint; a refused address; the schedule
 * spent); or the next attempt queued after the schedule's delay (with jitter, `Retry-After` honoured
 * on 429 and 503). An endpoint failing for `disableAfterMs` is disabled and logged for its site's admins.
 */
export class WebhookDeliveryService {
  constructor(private readonly deps: WebhookDeliveryServiceDeps) {}

  async deliver(job: WebhookJob): Promise<void> {
    const { deliveries, endpoints, logger } = this.deps;
    const claimed = await deliveries.claim(job.deliveryId, job.attempt, this.deps.leaseMs);
    // Already attempted, settled, or held by a live worker: this job is a duplicate.
    if (!claimed) return;
    const { delivery, event } = claimed;
    const endpoint = await endpoints.findById(delivery.endpointId);
    if (!endpoint || (!endpoint.enabled && event.type !== 'webhook.test')) {
      await deliveries.abandon(delivery.id, endpoint ? 'endpoint disabled' : 'endpoint deleted');
      return;
    }
    const body = serializeWithinCap(envelopeOf(event), this.deps.maxPayloadBytes, this.deps.transcriptLink);
    const headers = signWebhook(this.secretsOf(endpoint), webhookIdOf(event.id), Math.floor(Date.now() / 1000), body);
    const result = await this.deps.sender.send(endpoint.url, { ...headers }, body);
    const record: AttemptRecord = {
      attempt: job.attempt,
      statusCode: result.statusCode ?? null,
      latencyMs: result.latencyMs,
      responseExcerpt: result.responseExcerpt ?? null,
      error: result.error ?? (succeeded(result) ? null : `HTTP ${result.statusCode}`),
    };
    const log = logger.child({
      siteId: event.siteId,
      conversationId: event.conversationId,
      endpointId: endpoint.id,
      deliveryId: delivery.id,
      webhookId: webhookIdOf(event.id),
      type: event.type,
      attempt: job.attempt,
    });
    if (succeeded(result)) {
      await deliveries.settle(delivery.id, record, { status: 'succeeded' });
      await endpoints.markHealthy(endpoint.id);
      log.info({ status: result.statusCode, latencyMs: result.latencyMs }, 'webhook delivered');
      return;
    }
    if (result.statusCode === 410) {
      await deliveries.settle(delivery.id, record, { status: 'failed' });
      if (await endpoints.disable(endpoint.id, 'gone')) {
        log.warn({ url: endpoint.url }, 'webhook endpoint answered 410 Gone: disabled; a site admin can enable it again');
      }
      return;
    }
    const retryAfterMs = result.statusCode === 429 || result.statusCode === 503 ? result.retryAfterMs : undefined;
    const delayMs = result.refused ? undefined : nextAttemptDelayMs(this.deps.retryScheduleMs, job.attempt, retryAfterMs);
    if (delayMs === undefined) {
      await deliveries.settle(delivery.id, record, { status: 'failed' });
    } else {
      await deliveries.settle(delivery.id, record, { status: 'pending', retryAt: new Date(Date.now() + delayMs) });
      await this.deps.scheduler.schedule([{ deliveryId: delivery.id, attempt: job.attempt + 1, delayMs }]);
    }
    log.warn({ status: result.statusCode, error: record.error, nextInMs: delayMs ?? null }, 'webhook attempt failed');
    await this.checkFailingTooLong(endpoint, log);
  }

  /** Queues the first attempt of deliveries a committed change created. */
  async dispatch(deliveryIds: readonly string[]): Promise<void> {
    await this.deps.scheduler.schedule(deliveryIds.map((deliveryId) => ({ deliveryId, attempt: 1 })));
  }

  /** Signing secrets: the current one, and during a rotation's overlap the previous one too. */
  private secretsOf(endpoint: WebhookEndpointRow): string[] {
    const secrets = [this.deps.secrets.open(endpoint.secretCiphertext, endpoint.id)];
    const overlap = endpoint.previousSecretExpiresAt && endpoint.previousSecretExpiresAt.getTime() > Date.now();
    if (overlap && endpoint.previousSecretCiphertext) {
      secrets.push(this.deps.secrets.open(endpoint.previousSecretCiphertext, endpoint.id));
    }
    return secrets;
  }

  private async checkFailingTooLong(endpoint: WebhookEndpointRow, log: Logger): Promise<void> {
    const since = await this.deps.endpoints.markFailing(endpoint.id);
    if (!since || Date.now() - since.getTime() < this.deps.disableAfterMs) return;
    if (await this.deps.endpoints.disable(endpoint.id, 'failing')) {
      log.error(
        { url: endpoint.url, failingSince: since.toISOString() },
        'webhook endpoint failing for too long: disabled; a site admin can enable it again and replay what failed',
      );
    }
  }
}
