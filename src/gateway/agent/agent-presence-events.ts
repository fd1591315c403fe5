import type { AuthenticatedAgent } from '../../agents/authenticated-agent.js';
import {
  agentClientEventSchemas as schemas,
  type AgentPresence,
  type AgentPresenceStatus,
} from '../../contracts/agent-events.js';
import { siteAgentsRoom } from '../../contracts/rooms.js';
import { AppError } from '../../errors/app-error.js';
import { agentEvent } from './agent-event.js';
import type { AgentNamespace, AgentNamespaceDeps, AgentSocket } from './agent-socket.js';

/**
 * Agent presence: a socket joins its sites' rooms and counts the agent online (in Redis, for every
 * gateway); colleagues of those sites get `agent:presence` when the agent comes online, sets a status
 * or goes offline. The gateway refreshes its sockets' entries on a heartbeat; `presence:heartbeat`
 * from the client refreshes too.
 */
export class PresenceEvents {
  constructor(
    private readonly namespace: AgentNamespace,
    private readonly deps: AgentNamespaceDeps,
    private readonly state: { closing: boolean },
  ) {}

  async connected(socket: AgentSocket): Promise<void> {
    const { agent } = socket.data;
    await socket.join(agent.siteIds.map(siteAgentsRoom));
    const { status, cameOnline } = await this.deps.presence.touch(agent, socket.id);
    if (cameOnline) this.announce(agent, status);
  }

  async disconnected(socket: AgentSocket): Promise<void> {
    const { agent } = socket.data;
    const status = await this.deps.presence.leave(agent.id, socket.id);
    if (status === 'offline') this.announce(agent, 'offline');
  }

  register(socket: AgentSocket): void {
    const { deps } = this;
    socket.on(
      'presence:set',
      agentEvent(deps, socket, 'presence:set', schemas['presence:set'].payload, async ({ status }, agent) => {
        await deps.presence.touch(agent, socket.id);
        await deps.presence.setStatus(agent.id, status);
        this.announce(agent, status);
        return { presence: { id: agent.id, name: agent.name, status } };
      }),
    );
    socket.on(
      'presence:heartbeat',
      agentEvent(deps, socket, 'presence:heartbeat', schemas['presence:heartbeat'].payload, async (_input, agent) => {
        const { status, cameOnline } = await deps.presence.touch(agent, socket.id);
        if (cameOnline) this.announce(agent, status);
        return { presence: { id: agent.id, name: agent.name, status } };
      }),
    );
    socket.on(
      'agents:presence',
      agentEvent(deps, socket, 'agents:presence', schemas['agents:presence'].payload, async ({ siteId }, agent) => {
        if (siteId !== undefined && !agent.siteIds.includes(siteId)) throw new AppError('NOT_FOUND', 'No such site.');
        return { agents: await deps.presence.list(siteId ? [siteId] : agent.siteIds) };
      }),
    );
  }

  private announce(agent: AuthenticatedAgent, status: AgentPresenceStatus): void {
    if (agent.siteIds.length === 0 || this.state.closing) return;
    const presence: AgentPresence = { id: agent.id, name: agent.name, status };
    this.namespace.to(agent.siteIds.map(siteAgentsRoom)).emit('agent:presence', presence);
  }
}
