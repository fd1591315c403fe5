import type { Namespace, Socket } from 'socket.io';
import type { AgentAuthService } from '../../agents/agent-auth.service.js';
import type { AuthenticatedAgent } from '../../agents/authenticated-agent.js';
import type { Untrusted } from '../../contracts/ack.js';
import type { AgentClientEvents, AgentServerEvents } from '../../contracts/agent-events.js';
import type { AgentConversationService } from '../../conversations/agent-conversation.service.js';
import type { Logger } from '../../observability/logger.js';
import type { Metrics } from '../../observability/metrics.js';
import type { AgentPresenceStore } from '../../realtime/agent-presence.js';
import type { ConversationViewers } from '../../realtime/conversation-viewers.js';
import type { RoomPublisher } from '../../realtime/room-publisher.js';
import type { ConnectionGuard } from '../connection-guard.js';
import type { SocketEventBudget } from '../socket-event-budget.js';
import type { ConsoleOriginOptions } from './console-origin.js';

export interface AgentSocketData {
  /** Re-read from the session row on every event, so a changed name or site membership applies at once. */
  agent: AuthenticatedAgent;
  /** Conversations this socket watches (it is in their rooms), with each one's site. */
  watching: Map<string, string>;
}

export type AgentNamespace = Namespace<Untrusted<AgentClientEvents>, AgentServerEvents, Record<string, never>, AgentSocketData>;
export type AgentSocket = Socket<Untrusted<AgentClientEvents>, AgentServerEvents, Record<string, never>, AgentSocketData>;

export interface AgentNamespaceDeps {
  auth: AgentAuthService;
  conversations: AgentConversationService;
  presence: AgentPresenceStore;
  viewers: ConversationViewers;
  rooms: RoomPublisher;
  origins: ConsoleOriginOptions;
  metrics: Metrics;
  logger: Logger;
  /** How often this gateway refreshes its sockets' presence and viewer entries (default 10 s). */
  heartbeatMs?: number;
  /** Abuse limits: connections and handshakes per address, sockets per agent (docs/reliability.md). */
  guard?: ConnectionGuard;
  /** Events one socket may send per minute. */
  eventBudget?: SocketEventBudget;
  /** Proxies in front that append to `X-Forwarded-For` (0: the TCP peer is the client). */
  trustedProxyHops?: number;
}
