import { agentClientEventSchemas as schemas } from '../../contracts/agent-events.js';
import { conversationRoom } from '../../contracts/rooms.js';
import { agentEvent } from './agent-event.js';
import type { AgentNamespaceDeps, AgentSocket } from './agent-socket.js';
import type { ViewerTracker } from './viewer-tracker.js';

/** Conversation events of one agent socket: list, watch, the mode actions, messages, notes, typing. */
export function registerConversationEvents(socket: AgentSocket, deps: AgentNamespaceDeps, viewers: ViewerTracker): void {
  const { conversations } = deps;

  socket.on(
    'conversations:list',
    agentEvent(deps, socket, 'conversations:list', schemas['conversations:list'].payload, (input, agent) =>
      conversations.list(agent, input),
    ),
  );

  socket.on(
    'conversation:watch',
    agentEvent(deps, socket, 'conversation:watch', schemas['conversation:watch'].payload, async (input, agent) => {
      const { siteId } = await conversations.open(agent, input.conversationId);
      // Joined before the transcript is read: nothing published in between is missed (clients dedupe by seq).
      await socket.join(conversationRoom(input.conversationId));
      socket.data.watching.set(input.conversationId, siteId);
      const [transcript, watching] = await Promise.all([
        conversations.transcript(agent, input.conversationId, input.afterSeq),
        viewers.watch(socket, input.conversationId),
      ]);
      return { ...transcript, viewers: watching };
    }),
  );

  socket.on(
    'conversation:unwatch',
    agentEvent(deps, socket, 'conversation:unwatch', schemas['conversation:unwatch'].payload, async ({ conversationId }) => {
      await socket.leave(conversationRoom(conversationId));
      if (socket.data.watching.delete(conversationId)) await viewers.unwatch(socket, conversationId);
      return { conversationId };
    }),
  );

  socket.on(
    'conversation:take',
    agentEvent(deps, socket, 'conversation:take', schemas['conversation:take'].payload, async (input, agent) => ({
      conversation: await conversations.take(agent, input.conversationId),
    })),
  );
  socket.on(
    'conversation:hand-back',
    agentEvent(deps, socket, 'conversation:hand-back', schemas['conversation:hand-back'].payload, async (input, agent) => ({
      conversation: await conversations.handBack(agent, input.conversationId),
    })),
  );
  socket.on(
    'conversation:resolve',
    agentEvent(deps, socket, 'conversation:resolve', schemas['conversation:resolve'].payload, async (input, agent) => ({
      conversation: await conversations.resolve(agent, input.conversationId),
    })),
  );
  socket.on(
    'conversation:reopen',
    agentEvent(deps, socket, 'conversation:reopen', schemas['conversation:reopen'].payload, async (input, agent) => ({
      conversation: await conversations.reopen(agent, input.conversationId, input.to),
    })),
  );
  socket.on(
    'conversation:transfer',
    agentEvent(deps, socket, 'conversation:transfer', schemas['conversation:transfer'].payload, async (input, agent) => {
      const { conversationId, ...target } = input;
      return { conversation: await conversations.transfer(agent, conversationId, target) };
    }),
  );

  socket.on(
    'message:send',
    agentEvent(deps, socket, 'message:send', schemas['message:send'].payload, (input, agent) =>
      conversations.sendMessage(agent, input),
    ),
  );
  socket.on(
    'note:add',
    agentEvent(deps, socket, 'note:add', schemas['note:add'].payload, async (input, agent) => ({
      note: await conversations.addNote(agent, input),
    })),
  );

  socket.on(
    'typing',
    agentEvent(deps, socket, 'typing', schemas.typing.payload, async ({ conversationId, typing }, agent) => {
      // Watching proves the site check already passed; typing is too frequent for a query of its own.
      if (!socket.data.watching.has(conversationId)) return {};
      deps.rooms.toWidgets(conversationId, 'agent:typing', { conversationId, agentName: agent.name, typing });
      deps.rooms.toAgents(conversationId, 'agent:typing', { conversationId, agentId: agent.id, agentName: agent.name, typing });
      return {};
    }),
  );
}
