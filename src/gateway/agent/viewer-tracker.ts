import type { AgentRef } from '../../contracts/payloads.js';
import type { Logger } from '../../observability/logger.js';
import type { ConversationViewers } from '../../realtime/conversation-viewers.js';
import type { RoomPublisher } from '../../realtime/room-publisher.js';
import type { AgentSocket } from './agent-socket.js';

/**
 * "Who is viewing": records an agent socket's watch in Redis and tells the conversation's agents the
 * new list (`conversation:viewers`), which every gateway reads from the same place.
 */
export class ViewerTracker {
  constructor(
    private readonly viewers: ConversationViewers,
    private readonly rooms: RoomPublisher,
    private readonly logger: Logger,
  ) {}

  async watch(socket: AgentSocket, conversationId: string): Promise<AgentRef[]> {
    await this.viewers.add(this.viewer(socket, conversationId));
    return this.announce(conversationId);
  }

  async unwatch(socket: AgentSocket, conversationId: string): Promise<void> {
    await this.viewers.remove(this.viewer(socket, conversationId));
    await this.announce(conversationId);
  }

  /** The socket is gone: it stops viewing everything it watched. */
  async leftAll(socket: AgentSocket): Promise<void> {
    await Promise.all(
      [...socket.data.watching.keys()].map((conversationId) =>
        this.unwatch(socket, conversationId).catch((error: unknown) =>
          this.logger.warn({ err: error, conversationId }, 'could not remove a viewer; it runs out with its TTL'),
        ),
      ),
    );
  }

  /** Refreshes the viewer entries of these sockets (the gateway's heartbeat). */
  async refresh(sockets: readonly AgentSocket[]): Promise<void> {
    await this.viewers.touchAll(
      sockets.flatMap((socket) => [...socket.data.watching.keys()].map((conversationId) => this.viewer(socket, conversationId))),
    );
  }

  private async announce(conversationId: string): Promise<AgentRef[]> {
    const viewers = await this.viewers.list(conversationId);
    this.rooms.toAgents(conversationId, 'conversation:viewers', { conversationId, viewers });
    return viewers;
  }

  private viewer(socket: AgentSocket, conversationId: string) {
    return { conversationId, socketId: socket.id, agent: { id: socket.data.agent.id, name: socket.data.agent.name } };
  }
}
