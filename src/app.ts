import { createServer, type Server as HttpServer } from 'node:http';
import express from 'express';
import { createAdapter } from '@socket.io/redis-adapter';
import { Redis } from 'ioredis';
import { Server as SocketServer } from 'socket.io';
import { WIDGET_NAMESPACE } from './contracts/widget-events.js';
import { busChannelKey, NamespaceRoomPublisher, RedisRoomPublisher, type RoomPublisher } from './realtime/room-publisher.js';
import type { Config } from './config.js';
import { ConversationRepository } from './conversations/conversation.repository.js';
import { ConversationService } from './conversations/conversation.service.js';
import { FilterAuditRepository } from './moderation/filter-audit.repository.js';
import { EngineMessageFilter } from './moderation/message-filter.js';
import { MessageTailRepository } from './moderation/message-tail.repository.js';
import { SiteFilterRegistry } from './moderation/site-filter-registry.js';
import { WordListRepository } from './moderation/word-list.repository.js';
import { WordListService } from './moderation/word-list.service.js';
import { WordListChanges } from './realtime/word-list-changes.js';
import { MessageRepository } from './conversations/message.repository.js';
import { ReplyCacheRepository } from './bot/reply-cache.repository.js';
import { ReplyService } from './bot/reply.service.js';
import { VariantRepository } from './bot/variant.repository.js';
import { SiteCache } from './sites/site-cache.js';
import { SiteRepository } from './sites/site.repository.js';
import { VisitorRepository } from './sites/visitor.repository.js';
import { createDatabase } from './db/client.js';
import { migrate } from './db/migrator.js';
import { createHttpApp } from './gateway/http-app.js';
import { listen } from './gateway/http-listen.js';
import { opsRoutes } from './gateway/ops-routes.js';
import { MessageRateLimiter } from './gateway/rate-limiter.js';
import { VisitorTokens } from './gateway/widget/visitor-token.js';
import { AbandonedReplyWatch } from './gateway/widget/abandoned-reply-watch.js';
import { attachWidgetNamespace, type WidgetNamespace } from './gateway/widget/widget-namespace.js';
import type { ChatStreamer } from './llm/llm-types.js';
import { createChatClient } from './wiring/chat-client.js';
import type { RunningSimulator } from './simulator/index.js';
import { createLogger, type Logger } from './observability/logger.js';
import { createMetrics, type Metrics } from './observability/metrics.js';
import { mountWebAssets } from './gateway/web-assets.js';
import { ReplyCancellation } from './realtime/reply-cancellation.js';
import { ReplyQueue } from './jobs/reply-queue.js';
import { ReplyWorker } from './jobs/reply-worker.js';
import { seedDemoSite } from './sites/demo-site.js';

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
 * stops in dependency order: HTTP and sockets, then workers, then queues, Redis and Postgres.
 */
export async function createApp(config: Config, overrides: AppOverrides = {}): Promise<App> {
  const logger = overrides.logger ?? createLogger(config.logLevel, { role: config.role });
  const metrics = createMetrics();
  const closers: Array<() => Promise<unknown>> = [];
  const close = async () => {
    for (const closeOne of closers.reverse()) {
      await closeOne().catch((error: unknown) => logger.warn({ err: error }, 'error during shutdown'));
    }
    closers.length = 0;
  };

  try {
    const database = createDatabase(config.database);
    closers.push(() => database.close());
    if (!overrides.skipMigrations) await migrate(database.pool, config.database.schema);

    const redis = new Redis(config.redis.url, { maxRetriesPerRequest: null, lazyConnect: true });
    await redis.connect();
    closers.push(() => redis.quit());

    const repositories = {
      sites: new SiteRepository(database.db),
      visitors: new VisitorRepository(database.db),
      conversations: new ConversationRepository(database.db),
      messages: new MessageRepository(database.db),
    };
    const siteCache = new SiteCache(repositories.sites);
    const wordListRepository = new WordListRepository(database.db);
    const filterRegistry = new SiteFilterRegistry(wordListRepository, logger.child({ module: 'filter' }));
    const filter = new EngineMessageFilter(filterRegistry, logger.child({ module: 'filter' }));
    // Every process rebuilds a site's engine when any process changes its words or policy.
    // One subscriber connection per process carries every signal channel; each listener checks its channel.
    const signalSubscriber = redis.duplicate();
    closers.push(() => signalSubscriber.quit());
    const wordListChanges = new WordListChanges(redis, signalSubscriber, config.redis.prefix);
    await wordListChanges.listen(
      (change) => filterRegistry.invalidate(change),
      () => filterRegistry.invalidateAll(),
    );
    closers.push(() => filterRegistry.settled());
    if (config.demo.seed) await seedDemoSite(repositories.sites, config.demo);

    const runsGateway = config.role !== 'worker';
    const runsWorker = config.role !== 'gateway';

    let simulator: RunningSimulator | undefined;
    let llm = overrides.llm;
    if (runsWorker && !llm) {
      const client = await createChatClient(config, logger, metrics);
      llm = client.llm;
      simulator = client.simulator;
      if (simulator) closers.push(() => simulator!.close());
    }
    const simulated = !config.llm.apiKey && !overrides.llm;

    const cancellation = new ReplyCancellation(redis, runsWorker ? signalSubscriber : undefined, config.redis.prefix);
    const replies = new ReplyQueue(redis, config.redis.prefix);
    closers.push(() => replies.close());

    if (runsWorker) {
      await cancellation.listen();
      // Many streams publish at once: auto-pipelining batches their PUBLISHes into one write per tick.
      const busPublisher = redis.duplicate({ enableAutoPipelining: true });
      closers.push(() => busPublisher.quit());
      const replyService = new ReplyService({
        ...repositories,
        sites: siteCache,
        filter,
        llm: llm!,
        rooms: new RedisRoomPublisher(busPublisher, config.redis.prefix),
        deltaWindowMs: config.worker.deltaWindowMs,
        cancellation,
        replyCache: new ReplyCacheRepository(redis, config.redis.prefix),
        variants: new VariantRepository(database.db),
        metrics,
        logger: logger.child({ module: 'reply' }),
      });
      const worker = new ReplyWorker(async (attempt) => {
        // The output filter is synchronous: the site's engine must be loaded before the reply starts.
        await filter.prepare(attempt.job.siteId);
        return replyService.reply(attempt);
      }, {
        connection: redis,
        prefix: config.redis.prefix,
        concurrency: config.worker.concurrency,
        lockDurationMs: config.worker.lockDurationMs,
        logger: logger.child({ module: 'reply-worker' }),
      });
      await worker.waitUntilReady();
      closers.push(() => worker.close());
    }

    const checkReadiness = async () => {
      await redis.ping();
      await database.pool.query('SELECT 1');
    };
    let url: string;
    let conversations: ConversationService | undefined;
    if (runsGateway) {
      const gateway = await startGateway({
        checkReadiness,
        config,
        logger,
        metrics,
        redis,
        repositories,
        siteCache,
        filter,
        filterAudit: new FilterAuditRepository(database.db),
        messageTails: new MessageTailRepository(redis, config.redis.prefix),
        wordLists: new WordListService({ words: wordListRepository, changes: wordListChanges }),
        replies,
        cancellation,
        simulated,
      });
      closers.push(gateway.close);
      url = gateway.url;
      conversations = gateway.conversations;
    } else {
      // A worker holds no sockets but still answers health checks and serves its metrics.
      const opsServer = createServer(express().use(opsRoutes({ metrics, checkReadiness })));
      url = await listen(opsServer, config.http.port, config.http.host);
      closers.push(() => new Promise((resolve) => opsServer.close(resolve)));
    }

    logger.info({ url, simulated }, 'switchboard started');
    return { config, logger, metrics, url, simulated, simulator, conversations, close };
  } catch (error) {
    await close();
    throw error;
  }
}

interface GatewayDeps {
  checkReadiness: () => Promise<void>;
  config: Config;
  logger: Logger;
  metrics: Metrics;
  redis: Redis;
  repositories: {
    sites: SiteRepository;
    visitors: VisitorRepository;
    conversations: ConversationRepository;
    messages: MessageRepository;
  };
  siteCache: SiteCache;
  filter: EngineMessageFilter;
  filterAudit: FilterAuditRepository;
  messageTails: MessageTailRepository;
  wordLists: WordListService;
  replies: ReplyQueue;
  cancellation: ReplyCancellation;
  simulated: boolean;
}

async function startGateway(deps: GatewayDeps) {
  const { config, logger, metrics, redis } = deps;
  const httpServer: HttpServer = createServer();
  const io = new SocketServer(httpServer, {
    maxHttpBufferSize: config.http.maxSocketPayloadBytes,
    // Origin is checked per site in the namespace middleware; CORS headers only matter for polling.
    cors: { origin: true, credentials: false },
    serveClient: false,
  });
  const adapterPub = redis.duplicate({ enableAutoPipelining: true });
  const adapterSub = redis.duplicate();
  io.adapter(createAdapter(adapterPub, adapterSub, { key: busChannelKey(config.redis.prefix) }));

  const widgets = io.of(WIDGET_NAMESPACE) as unknown as WidgetNamespace;
  const rooms: RoomPublisher = new NamespaceRoomPublisher(widgets as never);
  const abandoned = new AbandonedReplyWatch(
    widgets,
    (conversationId) => deps.cancellation.cancel(conversationId),
    config.replyAbandonGraceMs,
    logger.child({ module: 'abandoned-replies' }),
  );
  const conversations = new ConversationService({
    ...deps.repositories,
    filter: deps.filter,
    filterAudit: deps.filterAudit,
    messageTails: deps.messageTails,
    replies: deps.replies,
    cancellation: deps.cancellation,
    rooms,
    onMessageStored: (message) => metrics.messages.inc({ role: message.role }),
  });
  attachWidgetNamespace(widgets, {
    conversations,
    sites: deps.siteCache,
    visitorTokens: new VisitorTokens(config.security.visitorTokenSecret),
    rateLimiter: new MessageRateLimiter(redis, config.redis.prefix, config.rateLimits),
    metrics,
    logger: logger.child({ module: 'widget' }),
    simulated: deps.simulated,
    onVisitorLeft: (conversationId) => abandoned.left(conversationId),
  });

  const app = createHttpApp({
    conversations,
    wordLists: deps.wordLists,
    metrics,
    logger: logger.child({ module: 'http' }),
    adminApiToken: config.security.adminApiToken,
    checkReadiness: deps.checkReadiness,
    mountStatic: (express) => mountWebAssets(express, { simulated: deps.simulated, demoSiteKey: config.demo.siteKey }),
  });
  httpServer.on('request', app);
  const url = await listen(httpServer, config.http.port, config.http.host);
  return {
    url,
    conversations,
    close: async () => {
      abandoned.close();
      // io.close() also closes the HTTP server: stops accepting, then disconnects every socket.
      await new Promise<void>((resolve) => io.close(() => resolve()));
      await Promise.all([adapterPub.quit(), adapterSub.quit()]);
    },
  };
}
