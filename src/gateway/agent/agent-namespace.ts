import { AppError } from '../../errors/app-error.js';
import type { RoomPublisher } from '../../realtime/room-publisher.js';
import { agentHandshake } from './agent-handshake.js';
import { registerConversationEvents } from './agent-conversation-events.js';
import { endSession } from './agent-event.js';
import { PresenceEvents } from './agent-presence-events.js';
import type { AgentNamespace, AgentNamespaceDeps, AgentSocket } from './agent-socket.js';
import { ViewerTracker } from './viewer-tracker.js';

export type { AgentNamespace, AgentNamespaceDeps } from './agent-socket.js';

const DEFAULT_HEARTBEAT_MS = 10_000;
/** setTimeout's ceiling; a later session end is re-checked when this fires. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * Wires the `/agent` namespace (docs/agent-protocol.md): the handshake (Origin and session), the
 * conversation events, typing, "who is viewing" and agent presence. `close()` stops the heartbeat.
 */
export function attachAgentNamespace(namespace: AgentNamespace, deps: AgentNamespaceDeps): { close(): void } {
  const log = deps.logger;
  // Once shutting down, sockets still leave Redis tidy but announce nothing: the bus is closing too.
  const state = { closing: false };
  const rooms = quietWhenClosing(deps.rooms, state);
  const presence = new PresenceEvents(namespace, { ...deps, rooms }, state);
  const viewers = new ViewerTracker(deps.viewers, rooms, log);
  const sockets = new Set<AgentSocket>();

  namespace.use(agentHandshake(deps));
  namespace.on('connection', (socket) => {
    sockets.add(socket);
    deps.metrics.sockets.inc({ namespace: 'agent' });
    const expiry = watchSessionEnd(socket, deps);
    const untrack = deps.guard?.trackOwner(socket.data.agent.id, socket);
    socket.on('disconnect', () => {
      sockets.delete(socket);
      untrack?.();
      deps.eventBudget?.forget(socket.id);
      clearTimeout(expiry.timer);
      deps.metrics.sockets.dec({ namespace: 'agent' });
      void Promise.all([presence.disconnected(socket), viewers.leftAll(socket)]).catch((error: unknown) =>
        log.warn({ err: error, agentId: socket.data.agent.id }, 'agent presence cleanup failed; entries run out with their TTL'),
      );
    });
    presence.register(socket);
    registerConversationEvents(socket, { ...deps, rooms }, viewers);
    presence.connected(socket).catch((error: unknown) => log.warn({ err: error }, 'agent presence update failed'));
  });

  const heartbeat = setInterval(() => {
    const live = [...sockets];
    Promise.all([
      deps.presence.touchAll(live.map((socket) => ({ agent: socket.data.agent, socketId: socket.id }))),
      viewers.refresh(live),
    ]).catch((error: unknown) => log.warn({ err: error }, 'agent presence heartbeat failed'));
  }, deps.heartbeatMs ?? DEFAULT_HEARTBEAT_MS);
  heartbeat.unref();

  return {
    close: () => {
      state.closing = true;
      clearInterval(heartbeat);
    },
  };
}

function quietWhenClosing(rooms: RoomPublisher, state: { closing: boolean }): RoomPublisher {
  return {
    publish: (...args) => (state.closing ? undefined : rooms.publish(...args)),
    toAgents: (...args) => (state.closing ? undefined : rooms.toAgents(...args)),
    toWidgets: (...args) => (state.closing ? undefined : rooms.toWidgets(...args)),
    toSiteAgents: (...args) => (state.closing ? undefined : rooms.toSiteAgents(...args)),
  };
}

/**
 * An idle socket sends no event to be refused on, so the session's end is checked when it is due: a
 * refresh since then re-arms the timer, anything else ends the socket.
 */
function watchSessionEnd(socket: AgentSocket, deps: AgentNamespaceDeps): { timer: NodeJS.Timeout | undefined } {
  const handle: { timer: NodeJS.Timeout | undefined } = { timer: undefined };
  const arm = () => {
    const due = Math.min(Math.max(0, socket.data.agent.sessionExpiresAt.getTime() - Date.now() + 50), MAX_TIMER_MS);
    handle.timer = setTimeout(() => {
      deps.auth.recheckSession(socket.data.agent.sessionId).then(
        (agent) => {
          socket.data.agent = agent;
          arm();
        },
        (error: unknown) =>
          endSession(socket, error instanceof AppError ? error : new AppError('UNAUTHORIZED', 'Session ended.')),
      );
    }, due);
    handle.timer.unref();
  };
  arm();
  return handle;
}
