import { createServer } from 'node:http';
import express from 'express';
import type { Config } from './config.js';
import { ConversationModeService } from './conversations/conversation-mode.service.js';
import { ConversationRepository } from './conversations/conversation.repository.js';
import type { ConversationService } from './conversations/conversation.service.js';
import { MessageRepository } from './conversations/message.repository.js';
import { UnansweredMessageRepository } from './conversations/unanswered-message.repository.js';
import { checkPooledSchema, createDatabase } from './db/client.js';
import { migrateDatabase } from './db/database-migration.js';
import { listen } from './gateway/http-listen.js';
import { opsRoutes } from './gateway/ops-routes.js';
import { HandoffQueue } from './jobs/handoff-queue.js';
import { ReplyQueue } from './jobs/reply-queue.js';
import type { ChatStreamer } from './llm/llm-types.js';
import { CustomerMessageScreening } from './moderation/customer-message-screening.js';
import { FilterAuditRepository } from './moderation/filter-audit.repository.js';
import { EngineMessageFilter } from './moderation/message-filter.js';
import { MessageTailRepository } from './moderation/message-tail.repository.js';
import { SiteFilterRegistry } from './moderation/site-filter-registry.js';
import { WordListRepository } from './moderation/word-list.repository.js';
import { WordListService } from './moderation/word-list.service.js';
import { createLogger, type Logger } from './observability/logger.js';
import { createMetrics, type Metrics } from './observability/metrics.js';
import { readinessCheck } from './observability/readiness.js';
import { logRedisErrors } from './observability/redis-errors.js';
import { ReplyCancellation } from './realtime/reply-cancellation.js';
import { WordListChanges } from './realtime/word-list-changes.js';
import type { RunningSimulator } from './simulator/index.js';
import { seedDemoSite } from './sites/demo-site.js';
import { SiteCache } from './sites/site-cache.js';
import { SiteRepository } from './sites/site.repository.js';
import { VisitorRepository } from './sites/visitor.repository.js';
import { VisitorService } from './sites/visitor.service.js';
import { createChatClient } from './wiring/chat-client.js';
import { createRedisClient, duplicateRedis } from './wiring/redis-clients.js';
import { createWorkerRoomPublisher } from './wiring/room-bus.js';
import { createAgentAuth } from './wiring/agent-auth.js';
import { startGatewayRole } from './wiring/gateway-role.js';
import { ShutdownStack } from './wiring/shutdown-stack.js';
import { startWorkerRole } from './wiring/worker-role.js';
import { createWebhooks } from './wiring/webhooks.js';

/** A probe slower than this counts as down: orchestrators give `/readyz` a few seconds. */
const READINESS_TIMEOUT_MS = 2000;

export interface AppOverrides {
  logger?: Logger;
  /** Replaces the DeepSeek client (tests that need a seam of their own). */
  llm?: ChatStreamer;
  /** Skip running migrations at start (the caller already did). */
  skipMigrations?: boolean;
}

export interface App {
  config: Config;
  logger: Logger;
  metrics: Metrics;
  /** Base URL of the HTTP server (a worker-only process serves just `/healthz`, `/readyz`, `/metrics`). */
  url: string;
  /** True when replies come from the bundled simulator. */
  simulated: boolean;
  simulator: RunningSimulator | undefined;
  conversations: ConversationService | undefined;
  close(): Promise<void>;
}

/**
 * The one composition root: builds every component for the configured role and starts it. `close()`
 * stops in reverse order of start: HTTP and sockets, then workers, then queues, Redis and Postgres.
 */
export async function createApp(config: Config, overrides: AppOverrides = {}): Promise<App> {
  const logger = overrides.logger ?? createLogger({ level: config.logLevel, format: config.logFormat }, { role: config.role });
  const metrics = createMetrics();
  const shutdown = new ShutdownStack(logger);
  const close = async () => {
    await shutdown.close();
    logger.info('shutdown complete');
  };

  try {
    const database = createDatabase(config.database);
    shutdown.defer('postgres', () => database.close());
    if (!overrides.skipMigrations) await migrateDatabase(database, config.database.directUrl);
    await checkPooledSchema(database);

    const redisLog = logger.child({ module: 'redis' });
    const redis = logRedisErrors(createRedisClient(config.redis), redisLog, 'main');
    shutdown.defer('redis', () => redis.quit());
    await redis.connect();

    const sites = new SiteRepository(database.db);
    // Webhooks first: the repositories that commit reported changes queue their deliveries through it.
    const webhooks = createWebhooks({
      config,
      db: database.db,
      redis,
      logger,
      shutdown,
      siteExists: async (siteId) => (await sites.findById(siteId)) !== undefined,
    });
    const conversations = new ConversationRepository(database.db, webhooks.dispatch);
    const messages = new MessageRepository(database.db, webhooks.dispatch, { namedStatements: database.namedStatements });
    const siteCache = new SiteCache(sites);
    const wordListRepository = new WordListRepository(database.db);
    const filterRegistry = new SiteFilterRegistry(wordListRepository, logger.child({ module: 'filter' }));
    const filter = new EngineMessageFilter(filterRegistry, logger.child({ module: 'filter' }));
    // One subscriber connection per process carries every signal channel; each listener checks its channel.
    const signalSubscriber = logRedisErrors(duplicateRedis(redis), redisLog, 'signals');
    shutdown.defer('signal subscriber', () => signalSubscriber.quit());
    // Every process rebuilds a site's engine when any process changes its words or policy.
    const wordListChanges = new WordListChanges(redis, signalSubscriber, config.redis.prefix);
    await wordListChanges.listen(
      (change) => filterRegistry.invalidate(change),
      () => filterRegistry.invalidateAll(),
    );
    shutdown.defer('filter rebuilds', () => filterRegistry.settled());
    if (config.demo.seed) await seedDemoSite(sites, config.demo);

    const runsGateway = config.role !== 'worker';
    const runsWorker = config.role !== 'gateway';
    const cancellation = new ReplyCancellation(redis, runsWorker ? signalSubscriber : undefined, config.redis.prefix);
    const replies = new ReplyQueue(redis, config.redis.queuePrefix, config.jobs.reply);
    shutdown.defer('reply queue', () => replies.close());
    const handoffQueue = new HandoffQueue(redis, config.redis.queuePrefix);
    shutdown.defer('handoff queue', () => handoffQueue.close());

    let simulator: RunningSimulator | undefined;
    let llm = overrides.llm;
    if (runsWorker && !llm) {
      const client = await createChatClient(config, logger, metrics);
      llm = client.llm;
      simulator = client.simulator;
      if (simulator) shutdown.defer('simulator', () => simulator!.close());
    }
    const simulated = !config.llm.apiKey && !overrides.llm;

    if (runsWorker) {
      const rooms = await createWorkerRoomPublisher(redis, config.redis.prefix, redisLog, shutdown);
      await startWorkerRole({
        config,
        logger,
        metrics,
        redis,
        db: database.db,
        messages,
        modes: new ConversationModeService({ conversations, cancellation, rooms }),
        sites: siteCache,
        filter,
        llm: llm!,
        rooms,
        cancellation,
        replies,
        webhooks,
        handoffScheduler: handoffQueue,
        shutdown,
      });
    }

    const checkReadiness = readinessCheck(
      { redis: () => redis.ping(), postgres: () => database.pool.query('SELECT 1') },
      READINESS_TIMEOUT_MS,
    );
    let url: string;
    let conversationService: ConversationService | undefined;
    if (runsGateway) {
      const gateway = await startGatewayRole({
        config,
        logger,
        metrics,
        redis,
        checkReadiness,
        conversationDeps: {
          conversations,
          messages,
          visitors: new VisitorService(new VisitorRepository(database.db)),
          screening: new CustomerMessageScreening({
            filter,
            audit: new FilterAuditRepository(database.db),
            tails: new MessageTailRepository(redis, config.redis.prefix),
          }),
          replies,
          unanswered: new UnansweredMessageRepository(database.db),
        },
        createModes: (rooms) => new ConversationModeService({ conversations, cancellation, rooms }),
        siteCache,
        wordLists: new WordListService({ words: wordListRepository, changes: wordListChanges }),
        cancellation,
        simulated,
        shutdown,
        webhooks,
        agentAuth: createAgentAuth({ db: database.db, redis, config }),
        db: database.db,
        handoffScheduler: handoffQueue,
      });
      url = gateway.url;
      conversationService = gateway.conversations;
    } else {
      // A worker holds no sockets but still answers health checks and serves its metrics.
      const ops = opsRoutes({
        metrics,
        checkReadiness,
        metricsToken: config.security.metricsToken,
        metricsOpen: config.security.metricsOpen,
      });
      const opsServer = createServer(express().use(ops));
      shutdown.defer('ops http', () => new Promise((resolve) => opsServer.close(resolve)));
      url = await listen(opsServer, config.http.port, config.http.host);
    }

    const endpoint = simulated ? 'bundled simulator' : config.llm.baseUrl;
    logger.info({ url, role: config.role, simulated, endpoint, model: config.llm.model }, 'switchboard started');
    return { config, logger, metrics, url, simulated, simulator, conversations: conversationService, close };
  } catch (error) {
    await close();
    throw error;
  }
}
