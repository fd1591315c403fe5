import type { Redis } from 'ioredis';
import { ReplyService } from '../bot/reply.service.js';
import { ReplyCacheRepository } from '../bot/reply-cache.repository.js';
import { VariantRepository } from '../bot/variant.repository.js';
import type { Config } from '../config.js';
import type { ConversationModeService } from '../conversations/conversation-mode.service.js';
import type { MessageRepository } from '../conversations/message.repository.js';
import type { Database } from '../db/client.js';
import { assertEveryQueueHasProcessor } from '../jobs/processor-registry.js';
import type { ReplyQueue } from '../jobs/reply-queue.js';
import { ReplyReconciler } from '../jobs/reply-reconciler.js';
import { ReplyWorker } from '../jobs/reply-worker.js';
import { HandoffWorker } from '../jobs/handoff-worker.js';
import type { HandoffScheduler } from '../handoff/handoff-scheduler.js';
import { createBriefService, createHandoff } from './handoff.js';
import { UnansweredMessageRepository } from '../conversations/unanswered-message.repository.js';
import type { ChatStreamer } from '../llm/llm-types.js';
import type { EngineMessageFilter } from '../moderation/message-filter.js';
import type { Logger } from '../observability/logger.js';
import type { Metrics } from '../observability/metrics.js';
import type { ReplyCancellation } from '../realtime/reply-cancellation.js';
import type { RoomPublisher } from '../realtime/room-publisher.js';
import type { SiteCache } from '../sites/site-cache.js';
import type { ShutdownStack } from './shutdown-stack.js';
import type { WebhookComponents } from './webhooks.js';

export interface WorkerRoleDeps {
  config: Config;
  logger: Logger;
  metrics: Metrics;
  redis: Redis;
  db: Database;
  messages: MessageRepository;
  modes: ConversationModeService;
  sites: SiteCache;
  filter: EngineMessageFilter;
  llm: ChatStreamer;
  rooms: RoomPublisher;
  cancellation: ReplyCancellation;
  /** The reply queue, for the reconciler's re-queues. */
  replies: ReplyQueue;
  /** The `handoff` queue: the bot's handoffs schedule their brief and timers on it. */
  handoffScheduler: HandoffScheduler;
  /** Webhook delivery: its processor and the outbox sweep. */
  webhooks: WebhookComponents;
  shutdown: ShutdownStack;
}

/** Starts a processor for every queue; start-up fails if a queue has none. */
export async function startWorkerRole(deps: WorkerRoleDeps): Promise<void> {
  const { config, logger, filter } = deps;
  await deps.cancellation.listen();
  const handoff = createHandoff({
    outbox: deps.webhooks.recorder,
    db: deps.db,
    redis: deps.redis,
    redisPrefix: config.redis.prefix,
    modes: deps.modes,
    rooms: deps.rooms,
    sites: deps.sites,
    scheduler: deps.handoffScheduler,
    metrics: deps.metrics,
    logger,
  });
  const briefs = createBriefService(handoff, { ...deps, llm: deps.llm });
  const replyService = new ReplyService({
    messages: deps.messages,
    modes: deps.modes,
    handoff: handoff.handoff,
    sites: deps.sites,
    filter,
    llm: deps.llm,
    rooms: deps.rooms,
    deltaWindowMs: config.worker.deltaWindowMs,
    cancellation: deps.cancellation,
    replyCache: new ReplyCacheRepository(deps.redis, config.redis.prefix),
    variants: new VariantRepository(deps.db),
    metrics: deps.metrics,
    logger: logger.child({ module: 'reply' }),
  });
  const { processor: webhookProcessor } = await deps.webhooks.startWorker(deps.shutdown);
  const processors = {
    webhook: webhookProcessor,
    reply: new ReplyWorker(
      async (attempt) => {
        // The output filter is synchronous: the site's engine must be loaded before the reply starts.
        await filter.prepare(attempt.job.siteId);
        return replyService.reply(attempt);
      },
      {
        connection: deps.redis,
        prefix: config.redis.queuePrefix,
        concurrency: config.worker.concurrency,
        lockDurationMs: config.worker.lockDurationMs,
        drainMs: config.drainTimeoutMs,
        logger: logger.child({ module: 'reply-worker' }),
      },
    ),
    handoff: new HandoffWorker((job) => (job.kind === 'brief' ? briefs.write(job) : handoff.lifecycle.run(job)), {
      connection: deps.redis,
      prefix: config.redis.queuePrefix,
      logger: logger.child({ module: 'handoff-worker' }),
    }),
  };
  for (const [queue, processor] of Object.entries(processors)) deps.shutdown.defer(`${queue} worker`, () => processor.close());
  assertEveryQueueHasProcessor(Object.keys(processors));
  await Promise.all(Object.values(processors).map((processor) => processor.waitUntilReady()));

  const unanswered = new UnansweredMessageRepository(deps.db);
  const reconciler = new ReplyReconciler(
    {
      owed: (query) => unanswered.owed(query),
      resume: (job, options) => deps.replies.resume(job, options),
      redis: deps.redis,
      prefix: config.redis.prefix,
      logger: logger.child({ module: 'reply-reconciler' }),
    },
    { ...config.reconcile, resumeDelayMs: config.worker.lockDurationMs },
  );
  deps.shutdown.defer('reply reconciler', () => reconciler.close());
  reconciler.start();
}
