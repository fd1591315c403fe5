import type { AgentPresenceStore } from '../realtime/agent-presence.js';
import type { RoomPublisher } from '../realtime/room-publisher.js';
import type { HandoffSettings } from './handoff-settings.js';
import type { HandoffRepository } from './handoff.repository.js';

export interface HandoffQueueNotifierDeps {
  handoffs: Pick<HandoffRepository, 'waitingQueue'>;
  presence: Pick<AgentPresenceStore, 'list'>;
  rooms: Pick<RoomPublisher, 'toWidgets'>;
}

/**
 * Each waiting visitor's place in their site's queue (longest-waiting first) and a rough wait: the
 * place times the site's average handle time, shared among the agents online (at least one).
 */
export function estimateSeconds(position: number, agentsOnline: number, settings: Pick<HandoffSettings, 'averageHandleSeconds'>) {
  return Math.round((position * settings.averageHandleSeconds) / Math.max(1, agentsOnline));
}

/** Tells every waiting visitor of a site where they stand (`handoff:queued`), after any move of the queue. */
export class HandoffQueueNotifier {
  constructor(private readonly deps: HandoffQueueNotifierDeps) {}

  async refresh(siteId: string, settings: HandoffSettings): Promise<void> {
    const [queue, agents] = await Promise.all([this.deps.handoffs.waitingQueue(siteId), this.deps.presence.list([siteId])]);
    const online = agents.filter((agent) => agent.status === 'online').length;
    // With nobody online there is no wait to estimate: the visitors were told so and asked for an address.
    if (online === 0) return;
    queue.forEach((conversationId, index) =>
      this.deps.rooms.toWidgets(conversationId, 'handoff:queued', {
        conversationId,
        position: index + 1,
        estimateSeconds: estimateSeconds(index + 1, online, settings),
      }),
    );
  }
}
