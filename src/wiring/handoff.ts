import type { Redis } from 'ioredis';
import type { ConversationModeService } from '../conversations/conversation-mode.service.js';
import type { Database } from '../db/client.js';
import { HandoffBriefService } from '../handoff/handoff-brief.service.js';
import { HandoffLifecycle } from '../handoff/handoff-lifecycle.js';
import type { HandoffScheduler } from '../handoff/handoff-scheduler.js';
import { HandoffRepository } from '../handoff/handoff.repository.js';
import { HandoffService } from '../handoff/handoff.service.js';
import { RepeatedQuestionRepository } from '../handoff/repeated-question.repository.js';
import type { ChatStreamer } from '../llm/llm-types.js';
import type { ChatCompleter } from '../llm/resilient-chat-client.js';
import type { Logger } from '../observability/logger.js';
import { collectOnScrape, type Metrics } from '../observability/metrics.js';
import { AgentPresenceStore } from '../realtime/agent-presence.js';
import type { RoomPublisher } from '../realtime/room-publisher.js';
import type { SiteCache } from '../sites/site-cache.js';
import { TicketRepository } from '../handoff/ticket.repository.js';
import { TicketRequests, type WebhookOutbox } from '../handoff/ticket-requests.js';

/** Must match the `/agent` namespace's presence TTL (wiring/agent-console.ts); reads only. */
const PRESENCE_TTL_MS = 30_000;

export interface HandoffComponentsDeps {
  db: Database;
  redis: Redis;
  redisPrefix: string;
  modes: ConversationModeService;
  rooms: RoomPublisher;
  sites: SiteCache;
  scheduler: HandoffScheduler;
  metrics: Metrics;
  logger: Logger;
  /** The webhook outbox (`ticket.requested`). */
  outbox: WebhookOutbox;
}

export interface HandoffComponents {
  handoff: HandoffService;
  lifecycle: HandoffLifecycle;
  handoffs: HandoffRepository;
}

/**
 * The handoff domain for one process (gateway or worker), on that process's room publisher and mode
 * service. Every mode change the process makes is heard by the lifecycle (queue moves, timers), and the
 * queue and presence gauges are read when `/metrics` is scraped.
 */
export function createHandoff(deps: HandoffComponentsDeps): HandoffComponents {
  const handoffs = new HandoffRepository(deps.db);
  const presence = new AgentPresenceStore(deps.redis, deps.redisPrefix, PRESENCE_TTL_MS);
  const logger = deps.logger.child({ module: 'handoff' });
  const tickets = new TicketRequests({ tickets: new TicketRepository(deps.db), outbox: deps.outbox });
  const handoff = new HandoffService({
    tickets,
    modes: deps.modes,
    handoffs,
    repeats: new RepeatedQuestionRepository(deps.redis, deps.redisPrefix),
    sites: deps.sites,
    presence,
    rooms: deps.rooms,
    scheduler: deps.scheduler,
    metrics: deps.metrics,
    logger,
  });
  const lifecycle = new HandoffLifecycle({
    handoff,
    tickets,
    handoffs,
    scheduler: deps.scheduler,
    rooms: deps.rooms,
    metrics: deps.metrics,
    logger,
  });
  deps.modes.observe(lifecycle.modeChanged);
  collectOnScrape(deps.metrics.handoffsWaiting, () => handoffs.waitingCount());
  collectOnScrape(deps.metrics.agentsOnline, async () => (await presence.list()).length);
  return { handoff, lifecycle, handoffs };
}

/** The brief writer of a worker: on the worker's model client when it answers whole completions. */
export function createBriefService(
  components: HandoffComponents,
  deps: Pick<HandoffComponentsDeps, 'rooms' | 'sites' | 'metrics' | 'logger'> & { llm: ChatStreamer },
): HandoffBriefService {
  return new HandoffBriefService({
    completer: isCompleter(deps.llm) ? deps.llm : undefined,
    handoffs: components.handoffs,
    sites: deps.sites,
    rooms: deps.rooms,
    metrics: deps.metrics,
    logger: deps.logger.child({ module: 'handoff-brief' }),
  });
}

function isCompleter(llm: ChatStreamer): llm is ChatStreamer & ChatCompleter {
  return typeof (llm as Partial<ChatCompleter>).complete === 'function';
}
