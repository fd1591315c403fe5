import { VisitorRepository } from '../sites/visitor.repository.js';
import { VisitorService } from '../sites/visitor.service.js';
import type { Redis } from 'ioredis';
import type { Server } from 'socket.io';
import type { Config } from '../config.js';
import { AGENT_NAMESPACE } from '../contracts/rooms.js';
import { AgentConversationService, type ConversationFeedbackReader } from '../conversations/agent-conversation.service.js';
import { ConversationListRepository } from '../conversations/conversation-list.repository.js';
import type { ConversationModeService } from '../conversations/conversation-mode.service.js';
import type { ConversationRepository } from '../conversations/conversation.repository.js';
import type { MessageRepository } from '../conversations/message.repository.js';
import { NoteRepository } from '../conversations/note.repository.js';
import type { StoredMessage } from '../contracts/payloads.js';
import type { Database } from '../db/client.js';
import type { OutboxDispatch } from '../db/webhook-outbox.js';
import { attachAgentNamespace, type AgentNamespace } from '../gateway/agent/agent-namespace.js';
import { ConnectionGuard } from '../gateway/connection-guard.js';
import { SocketEventBudget } from '../gateway/socket-event-budget.js';
import type { Logger } from '../observability/logger.js';
import type { Metrics } from '../observability/metrics.js';
import { AgentPresenceStore } from '../realtime/agent-presence.js';
import { ConversationViewers } from '../realtime/conversation-viewers.js';
import type { RoomPublisher } from '../realtime/room-publisher.js';
import { agentDirectory, type AgentAuthComponents } from './agent-auth.js';
import type { ShutdownStack } from './shutdown-stack.js';

/** An agent socket not refreshed for this long counts as gone (three missed heartbeats). */
const PRESENCE_TTL_MS = 30_000;
const HEARTBEAT_MS = 10_000;

export interface AgentConsoleDeps {
  io: Server;
  db: Database;
  redis: Redis;
  config: Config;
  agentAuth: AgentAuthComponents;
  conversations: ConversationRepository;
  messages: MessageRepository;
  modes: ConversationModeService;
  rooms: RoomPublisher;
  metrics: Metrics;
  logger: Logger;
  shutdown: ShutdownStack;
  onMessageStored: (message: StoredMessage) => void;
  /** Queues the `note.created` webhook deliveries a note created. */
  webhookDispatch?: OutboxDispatch;
  /** The visitor's feedback in `conversation:watch` (and the integration API's conversation). */
  feedback?: ConversationFeedbackReader;
}

/** Builds the agent use cases and the `/agent` namespace on the gateway's Socket.IO server. */
export function attachAgentConsole(deps: AgentConsoleDeps): AgentConversationService {
  const conversations = new AgentConversationService({
    conversations: deps.conversations,
    list: new ConversationListRepository(deps.db),
    messages: deps.messages,
    notes: new NoteRepository(deps.db, deps.webhookDispatch),
    modes: deps.modes,
    rooms: deps.rooms,
    directory: agentDirectory(deps.agentAuth),
    visitors: new VisitorService(new VisitorRepository(deps.db)),
    feedback: deps.feedback,
    onMessageStored: deps.onMessageStored,
  });
  const prefix = deps.config.redis.prefix;
  const limits = deps.config.abuse.agent;
  const namespace = attachAgentNamespace(deps.io.of(AGENT_NAMESPACE) as unknown as AgentNamespace, {
    auth: deps.agentAuth.auth,
    conversations,
    presence: new AgentPresenceStore(deps.redis, prefix, PRESENCE_TTL_MS),
    viewers: new ConversationViewers(deps.redis, prefix, PRESENCE_TTL_MS),
    rooms: deps.rooms,
    origins: { publicUrl: deps.config.http.publicUrl, allowedOrigins: deps.config.console.allowedOrigins },
    metrics: deps.metrics,
    logger: deps.logger,
    heartbeatMs: HEARTBEAT_MS,
    guard: new ConnectionGuard(deps.redis, prefix, {
      scope: 'agent',
      connectionsPerIp: limits.connectionsPerIp,
      handshakesPerIpPerMinute: limits.handshakesPerIpPerMinute,
      socketsPerOwner: limits.socketsPerAgent,
    }),
    eventBudget: new SocketEventBudget(limits.eventsPerSocketPerMinute),
    trustedProxyHops: deps.config.abuse.trustedProxyHops,
  });
  deps.shutdown.defer('agent presence heartbeat', async () => namespace.close());
  return conversations;
}
