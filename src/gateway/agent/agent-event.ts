import { randomUUID } from 'node:crypto';
import type { ZodType } from 'zod';
import type { AuthenticatedAgent } from '../../agents/authenticated-agent.js';
import type { Ack } from '../../contracts/ack.js';
import type { AgentClientEvents } from '../../contracts/agent-events.js';
import { conversationRoom, siteAgentsRoom } from '../../contracts/rooms.js';
import { AppError } from '../../errors/app-error.js';
import { toAppError, toErrorBody } from '../../errors/error-mapping.js';
import { failedEventAck } from '../socket-errors.js';
import type { Logger } from '../../observability/logger.js';
import type { AgentNamespaceDeps, AgentSocket } from './agent-socket.js';

const SESSION_ENDING = new Set(['UNAUTHORIZED', 'SESSION_EXPIRED', 'SESSION_REVOKED', 'ACCOUNT_DISABLED']);

/** Tells the console why, then drops the socket: a revoked or expired session may do nothing more. */
export function endSession(socket: AgentSocket, error: AppError): void {
  socket.emit('session:ended', { error: toErrorBody(error) });
  socket.disconnect(true);
}

/**
 * Site membership is re-read with the session: rooms of sites the agent no longer belongs to are left,
 * so their conversations' events stop at once (an idle socket notices at its next event).
 */
async function leaveLostSites(socket: AgentSocket): Promise<void> {
  const { agent, watching } = socket.data;
  for (const [conversationId, siteId] of watching) {
    if (agent.siteIds.includes(siteId)) continue;
    watching.delete(conversationId);
    await socket.leave(conversationRoom(conversationId));
  }
  const kept = new Set(agent.siteIds.map(siteAgentsRoom));
  for (const room of socket.rooms) {
    if (room.startsWith(siteAgentsRoom('')) && !kept.has(room)) await socket.leave(room);
  }
}

/** Events sent without an ack (`typing`): run with their payload alone; everything else needs an ack. */
const FIRE_AND_FORGET: ReadonlySet<keyof AgentClientEvents> = new Set(['typing']);

/**
 * Wraps an agent event: re-checks the session (expiry, revocation, disabled account) against its row,
 * validates the payload, runs the handler and answers through the ack with `{ok:true,...}` or
 * `{ok:false,error}`. A session that no longer holds gets the error in the ack and is disconnected.
 * As on `/widget`, an acked event sent without its ack is not run (nobody could be told what became
 * of it) and one with extra arguments is refused through its ack.
 */
export function agentEvent<Input, Output extends object>(
  deps: Pick<AgentNamespaceDeps, 'auth' | 'metrics' | 'logger' | 'eventBudget'>,
  socket: AgentSocket,
  event: keyof AgentClientEvents,
  schema: ZodType<Input, unknown>,
  handler: (input: Input, agent: AuthenticatedAgent, log: Logger) => Promise<Output>,
) {
  const acked = !FIRE_AND_FORGET.has(event);
  return async (...args: unknown[]): Promise<void> => {
    const ack = args.at(-1);
    if (acked && typeof ack !== 'function') return;
    if (!acked && (args.length !== 1 || typeof ack === 'function')) return;
    const reply = acked ? (ack as (response: Ack<Output>) => void) : () => undefined;
    const payload = args[0];
    const conversationId = (payload as { conversationId?: unknown } | null)?.conversationId;
    const log = deps.logger.child({
      event,
      eventId: randomUUID(),
      agentId: socket.data.agent.id,
      socketId: socket.id,
      ...(typeof conversationId === 'string' ? { conversationId } : {}),
    });
    try {
      // Before the session's row is read: a flood costs this gateway a counter, not Postgres.
      await deps.eventBudget?.spend(socket.id);
    } catch (error) {
      reply(failedEventAck(error, deps, log, 'agent event'));
      return;
    }
    try {
      socket.data.agent = await deps.auth.recheckSession(socket.data.agent.sessionId);
      await leaveLostSites(socket);
    } catch (error) {
      const appError = toAppError(error);
      deps.metrics.errors.inc({ code: appError.code });
      reply({ ok: false, error: toErrorBody(appError) });
      if (SESSION_ENDING.has(appError.code)) endSession(socket, appError);
      else log.error({ err: error }, 'agent session check failed');
      return;
    }
    try {
      if (acked && args.length !== 2) throw new AppError('BAD_REQUEST', `${event} takes one payload and an ack callback.`);
      reply({ ok: true, ...(await handler(schema.parse(payload), socket.data.agent, log)) });
    } catch (error) {
      reply(failedEventAck(error, deps, log, 'agent event'));
    }
  };
}
