import type { Redis } from 'ioredis';
import type { Config } from '../config.js';
import type { Database } from '../db/client.js';
import type { OutboxDispatch } from '../db/webhook-outbox.js';
import { WebhookQueue } from '../jobs/webhook-queue.js';
import { WebhookWorker } from '../jobs/webhook-worker.js';
import type { Logger } from '../observability/logger.js';
import { SecretBox } from '../webhooks/secret-box.js';
import { WebhookDeliveryLogService } from '../webhooks/webhook-delivery-log.service.js';
import { WebhookDeliveryRepository } from '../webhooks/webhook-delivery.repository.js';
import { WebhookDeliveryService } from '../webhooks/webhook-delivery.service.js';
import { WebhookEndpointRepository } from '../webhooks/webhook-endpoint.repository.js';
import { WebhookEndpointService } from '../webhooks/webhook-endpoint.service.js';
import { WebhookEventRecorder } from '../webhooks/webhook-events.service.js';
import { WebhookHttpSender } from '../webhooks/webhook-http-sender.js';
import { WebhookSweep } from '../webhooks/webhook-sweep.service.js';
import type { ShutdownStack } from './shutdown-stack.js';

/** The most of a receiver's answer kept in the attempt log. */
const RESPONSE_EXCERPT_BYTES = 4096;

/** Everything webhooks need in a process, built once; the worker part starts only in worker roles. */
export interface WebhookComponents {
  /** Handed to the repositories that write outbox events: queues their deliveries after commit. */
  dispatch: OutboxDispatch;
  /** For other domains (handoff): `recordWebhookEvent(tx?, siteId, conversationId, type, data)`. */
  recorder: WebhookEventRecorder;
  endpoints: WebhookEndpointService;
  deliveries: WebhookDeliveryLogService;
  /** Starts the `webhook` processor and the sweep (at once, then every `WEBHOOK_SWEEP_INTERVAL_MS`). */
  startWorker(shutdown: ShutdownStack): Promise<{ processor: WebhookWorker }>;
}

export function createWebhooks(deps: {
  config: Config;
  db: Database;
  redis: Redis;
  logger: Logger;
  shutdown: ShutdownStack;
  siteExists: (siteId: string) => Promise<boolean>;
}): WebhookComponents {
  const { config, db, redis } = deps;
  const settings = config.webhooks;
  const logger = deps.logger.child({ module: 'webhooks' });
  const queue = new WebhookQueue(redis, config.redis.queuePrefix);
  deps.shutdown.defer('webhook queue', () => queue.close());
  const dispatch: OutboxDispatch = (deliveryIds) => {
    // Not awaited: the ack does not wait on Redis; a lost enqueue is the sweep's to find.
    queue
      .schedule(deliveryIds.map((deliveryId) => ({ deliveryId, attempt: 1 })))
      .catch((error: unknown) => logger.warn({ err: error, deliveryIds }, 'webhook enqueue failed; the sweep will pick it up'));
  };
  const secrets = new SecretBox(settings.secretKey);
  const sender = new WebhookHttpSender({
    allowPrivate: settings.allowPrivate,
    allowHttp: settings.allowHttp,
    timeoutMs: settings.timeoutMs,
    maxResponseBytes: RESPONSE_EXCERPT_BYTES,
  });
  const endpointRepository = new WebhookEndpointRepository(db);
  const deliveryRepository = new WebhookDeliveryRepository(db);
  const recorder = new WebhookEventRecorder(db, dispatch);
  const endpoints = new WebhookEndpointService({
    endpoints: endpointRepository,
    secrets,
    urls: sender,
    siteExists: deps.siteExists,
    sendTest: (endpoint, data) => recorder.recordTestEvent(endpoint.siteId, endpoint.id, data),
  });
  const deliveries = new WebhookDeliveryLogService({ deliveries: deliveryRepository, endpoints, scheduler: queue });
  const publicUrl = (config.http.publicUrl ?? `http://localhost:${config.http.port}`).replace(/\/$/, '');

  return {
    dispatch,
    recorder,
    endpoints,
    deliveries,
    startWorker: async (shutdown) => {
      const service = new WebhookDeliveryService({
        deliveries: deliveryRepository,
        endpoints: endpointRepository,
        sender,
        secrets,
        scheduler: queue,
        retryScheduleMs: settings.retryScheduleMs,
        disableAfterMs: settings.disableAfterMs,
        maxPayloadBytes: settings.maxPayloadBytes,
        leaseMs: settings.timeoutMs + 15_000,
        transcriptLink: (conversationId) => `${publicUrl}/api/v1/conversations/${conversationId}/messages`,
        logger,
      });
      const processor = new WebhookWorker((job) => service.deliver(job), {
        connection: redis,
        prefix: config.redis.queuePrefix,
        concurrency: settings.concurrency,
        lockDurationMs: settings.timeoutMs + 15_000,
        logger,
      });
      const sweep = new WebhookSweep({ deliveries: deliveryRepository, scheduler: queue, graceMs: 10_000 });
      const sweepOnce = (graceMs?: number) =>
        sweep.run(graceMs).then(
          (queued) => queued > 0 && logger.info({ queued }, 'webhook sweep queued due deliveries'),
          (error: unknown) => logger.warn({ err: error }, 'webhook sweep failed'),
        );
      // At start everything due is taken: a crash may have left deliveries committed but never queued.
      await sweepOnce(0);
      const timer = setInterval(() => void sweepOnce(), settings.sweepIntervalMs);
      timer.unref();
      shutdown.defer('webhook sweep', async () => clearInterval(timer));
      return { processor };
    },
  };
}
