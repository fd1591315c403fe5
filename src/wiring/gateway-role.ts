import { createServer, type RequestListener } from 'node:http';
import type { Redis } from 'ioredis';
import { Server as SocketServer } from 'socket.io';
import type { Config } from '../config.js';
import type { StoredMessage } from '../contracts/payloads.js';
import { CONVERSATION_NAMESPACES, WIDGET_NAMESPACE } from '../contracts/rooms.js';
import type { ConversationModeService } from '../conversations/conversation-mode.service.js';
import { ConversationService, type ConversationServiceDeps } from '../conversations/conversation.service.js';
import type { Database } from '../db/client.js';
import { FeedbackRepository } from '../feedback/feedback.repository.js';
import { FeedbackService } from '../feedback/feedback.service.js';
import { createHttpApp } from '../gateway/http-app.js';
import { listen } from '../gateway/http-listen.js';
import { resyncAfterBusGaps, resyncAfterShardGaps } from '../gateway/bus-resync.js';
import { SocketDrain } from '../gateway/socket-drain.js';
import { MessageRateLimiter } from '../gateway/rate-limiter.js';
import { SlowClientSweep } from '../gateway/slow-client-sweep.js';
import { ConnectionGuard } from '../gateway/connection-guard.js';
import { NewConversationBudget } from '../gateway/widget/new-conversation-budget.js';
import { mountWebAssets } from '../gateway/web-assets.js';
import { AbandonedReplyWatch } from '../gateway/widget/abandoned-reply-watch.js';
import { VisitorTokens } from '../gateway/widget/visitor-token.js';
import { SocketEventBudget } from '../gateway/socket-event-budget.js';
import { attachWidgetNamespace, type WidgetNamespace } from '../gateway/widget/widget-namespace.js';
import type { WordListService } from '../moderation/word-list.service.js';
import type { Logger } from '../observability/logger.js';
import type { Metrics } from '../observability/metrics.js';
import type { ReplyCancellation } from '../realtime/reply-cancellation.js';
import { ServerRoomPublisher } from '../realtime/room-publisher.js';
import type { SiteCache } from '../sites/site-cache.js';
import type { HandoffScheduler } from '../handoff/handoff-scheduler.js';
import type { AgentAuthComponents } from './agent-auth.js';
import { createIntegrationApi } from './integrations.js';
import { createAdminApi } from './admin-api.js';
import { createHandoff } from './handoff.js';
import { attachAgentConsole } from './agent-console.js';
import { createGatewayRoomBus } from './room-bus.js';
import type { ShutdownStack } from './shutdown-stack.js';
import type { WebhookComponents } from './webhooks.js';

export interface GatewayRoleDeps {
  config: Config;
  logger: Logger;
  metrics: Metrics;
  redis: Redis;
  checkReadiness: () => Promise<void>;
  conversationDeps: Omit<ConversationServiceDeps, 'rooms' | 'modes' | 'onMessageStored'>;
  /** Builds the mode service once the gateway's room publisher exists. */
  createModes: (rooms: ServerRoomPublisher) => ConversationModeService;
  siteCache: SiteCache;
  wordLists: WordListService;
  cancellation: ReplyCancellation;
  simulated: boolean;
  shutdown: ShutdownStack;
  agentAuth: AgentAuthComponents;
  db: Database;
  /** Webhook endpoints and deliveries over the admin API; notes write their outbox events through it. */
  webhooks: WebhookComponents;
  /** The `handoff` queue: briefs and the queue's timers run on a worker. */
  handoffScheduler: HandoffScheduler;
}

export interface GatewayRole {
  url: string;
  conversations: ConversationService;
}

/** HTTP (REST, widget bundle, demo page, ops) and Socket.IO with the Redis adapter. */
export async function startGatewayRole(deps: GatewayRoleDeps): Promise<GatewayRole> {
  const { config, logger, metrics, redis, shutdown } = deps;
  // Socket.IO wraps the server's request listener when it attaches, so /socket.io/ (the polling
  // transport) never reaches express; a listener added after it would answer those requests with 404.
  let handleHttp: RequestListener = (_request, response) => response.writeHead(503).end();
  const httpServer = createServer((request, response) => handleHttp(request, response));
  const io = new SocketServer(httpServer, {
    maxHttpBufferSize: config.http.maxSocketPayloadBytes,
    // Origin is checked per site in the namespace middleware; CORS headers only matter for polling.
    cors: { origin: true, credentials: false },
    serveClient: false,
  });
  // The classic Redis adapter, or the sharded one on a cluster (wiring/room-bus.ts).
  const bus = await createGatewayRoomBus(redis, config.redis.prefix, logger.child({ module: 'redis' }), shutdown);
  // Before the namespaces' own middleware, so a draining gateway refuses new sockets first.
  const drain = new SocketDrain(io, CONVERSATION_NAMESPACES);
  const slowClients = new SlowClientSweep(
    io,
    CONVERSATION_NAMESPACES,
    { maxBufferedPackets: config.abuse.maxBufferedPackets, maxBufferedBytes: config.abuse.maxBufferedBytes },
    () => metrics.errors.inc({ code: 'SLOW_CLIENT' }),
    logger.child({ module: 'slow-clients' }),
  );
  shutdown.defer('slow client sweep', async () => slowClients.close());
  shutdown.defer('http and sockets', async () => {
    httpServer.close();
    const unfinished = await drain.drain(config.drainTimeoutMs);
    if (unfinished > 0) logger.warn({ unfinished }, 'shutting down with acks still owed; clients resend them');
    await new Promise<void>((resolve) => io.close(() => resolve()));
  });
  bus.attach(io);
  resyncAfterBusGaps(bus.subscriber, io, CONVERSATION_NAMESPACES, logger.child({ module: 'bus-resync' }));
  if (redis.isCluster)
    resyncAfterShardGaps(bus.subscriber, bus.subscribed, io, CONVERSATION_NAMESPACES, logger.child({ module: 'bus-resync' }));

  const rooms = new ServerRoomPublisher(io);
  const modes = deps.createModes(rooms);
  const handoff = createHandoff({
    outbox: deps.webhooks.recorder,
    db: deps.db,
    redis,
    redisPrefix: config.redis.prefix,
    modes,
    rooms,
    sites: deps.siteCache,
    scheduler: deps.handoffScheduler,
    metrics,
    logger,
  });
  const widgets = io.of(WIDGET_NAMESPACE) as unknown as WidgetNamespace;
  const abandoned = new AbandonedReplyWatch(
    widgets,
    (conversationId) => deps.cancellation.cancel(conversationId),
    config.replyAbandonGraceMs,
    logger.child({ module: 'abandoned-replies' }),
  );
  shutdown.defer('abandoned reply watch', async () => abandoned.close());
  const messageLog = logger.child({ module: 'messages' });
  const messageBudget = new MessageRateLimiter(redis, config.redis.prefix, config.rateLimits);
  const onMessageStored = (message: StoredMessage) => {
    metrics.messages.inc({ role: message.role });
    messageLog.info(
      { conversationId: message.conversationId, messageId: message.id, seq: message.seq, role: message.role },
      'message stored',
    );
  };
  const conversations = new ConversationService({
    ...deps.conversationDeps,
    modes,
    rooms,
    onMessageStored,
    handoff: handoff.handoff,
    onFollowUpFailed: (conversationId, error) =>
      messageLog.warn(
        { err: error, conversationId },
        'work after a stored message failed or is late; the reconciler covers the reply',
      ),
    onResumeFailed: (conversationId, error) =>
      messageLog.warn({ err: error, conversationId }, "could not resume a returning visitor's replies; the reconciler will"),
  });
  const feedback = new FeedbackService({
    feedback: new FeedbackRepository(deps.db, deps.webhooks.dispatch),
    rooms,
    metrics,
  });
  const agentConversations = attachAgentConsole({
    io,
    db: deps.db,
    redis,
    config,
    agentAuth: deps.agentAuth,
    conversations: deps.conversationDeps.conversations,
    messages: deps.conversationDeps.messages,
    modes,
    rooms,
    metrics,
    webhookDispatch: deps.webhooks.dispatch,
    feedback,
    logger: logger.child({ module: 'agent' }),
    shutdown,
    onMessageStored: (message) => {
      onMessageStored(message);
      handoff.lifecycle
        .agentMessageStored(message.conversationId)
        .catch((error: unknown) => messageLog.warn({ err: error }, 'time to first agent reply not recorded'));
    },
  });
  attachWidgetNamespace(widgets, {
    conversations,
    sites: deps.siteCache,
    visitorTokens: new VisitorTokens(config.security.visitorTokenSecret),
    rateLimiter: messageBudget,
    guard: new ConnectionGuard(redis, config.redis.prefix, {
      scope: 'widget',
      connectionsPerIp: config.abuse.connectionsPerIp,
      handshakesPerIpPerMinute: config.abuse.handshakesPerIpPerMinute,
      socketsPerOwner: config.abuse.socketsPerVisitor,
    }),
    newConversations: new NewConversationBudget(redis, config.redis.prefix, config.abuse),
    eventBudget: new SocketEventBudget(config.abuse.widgetEventsPerSocketPerMinute),
    trustedProxyHops: config.abuse.trustedProxyHops,
    metrics,
    logger: logger.child({ module: 'widget' }),
    simulated: deps.simulated,
    onVisitorLeft: (conversationId) => abandoned.left(conversationId),
    onVisitorTyping: (conversationId, typing) => rooms.toAgents(conversationId, 'visitor:typing', { conversationId, typing }),
    handoff: handoff.handoff,
    feedback,
  });

  const app = createHttpApp({
    conversations,
    modes,
    wordLists: deps.wordLists,
    metrics,
    logger: logger.child({ module: 'http' }),
    adminApiToken: config.security.adminApiToken,
    adminApi: createAdminApi({ db: deps.db, config, agentAuth: deps.agentAuth }),
    metricsToken: config.security.metricsToken,
    metricsOpen: config.security.metricsOpen,
    agentAuth: deps.agentAuth,
    webhooks: { endpoints: deps.webhooks.endpoints, deliveries: deps.webhooks.deliveries },
    // Draining: out of the load balancer's rotation at once.
    checkReadiness: () => (drain.isDraining ? Promise.reject(new Error('shutting down')) : deps.checkReadiness()),
    mountIntegrationApi: createIntegrationApi({
      db: deps.db,
      redis,
      config,
      agentAuth: deps.agentAuth,
      sites: deps.siteCache,
      conversations,
      agentConversations,
      modes,
      handoff: handoff.handoff,
      visitors: deps.conversationDeps.visitors,
      replies: deps.conversationDeps.replies,
      budget: messageBudget,
    }).mount,
    mountStatic: (express) =>
      mountWebAssets(express, { simulated: deps.simulated, demoSiteKey: config.demo.siteKey, demoPage: config.demo.servePage }),
  });
  handleHttp = app;
  // Every namespace exists by now: serve only once their bus subscriptions are in place.
  await bus.subscribed();
  const url = await listen(httpServer, config.http.port, config.http.host);
  return { url, conversations };
}
