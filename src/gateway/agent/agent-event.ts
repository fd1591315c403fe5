import { randomUUID } from 'node:crypto';
import type { ZodType } from 'zod';
import type { AuthenticatedAgent } from '../../agents/authenticated-agent.js';
import type { Ack } from '../../contracts/ack.js';
import type { AgentClientEvents } from '../../contracts/agent-events.js';
import type { AppError } from '../../errors/app-error.js';
import { toAppError, toErrorBody } from '../../errors/error-mapping.js';
import type { Logger } from '../../observability/logger.js';
import type { AgentNamespaceDeps, AgentSocket } from './agent-socket.js';

const SESSION_ENDING = new Set(['UNAUTHORIZED', 'SESSION_EXPIRED', 'SESSION_REVOKED', 'ACCOUNT_DISABLED']);

/** Tells the console why, then drops the socket: a revoked or expired session may do nothing more. */
export function endSession(socket: AgentSocket, error: AppError): void {
  socket.emit('session:ended', { error: toErrorBody(error) });
  socket.disconnect(true);
}

/**
 * Wraps an agent event: re-checks the session (expiry, revocation, disabled account) against its row,
 * validates the payload, runs the handler and answers through the ack with `{ok:true,...}` or
 * `{ok:false,error}`. A session that no longer holds gets the error in the ack and is disconnected.
 */
export function agentEvent<Input, Output extends object>(
  deps: Pick<AgentNamespaceDeps, 'auth' | 'metrics' | 'logger'>,
  socket: AgentSocket,
  event: keyof AgentClientEvents,
  schema: ZodType<Input, unknown>,
  handler: (input: Input, agent: AuthenticatedAgent, log: Logger) => Promise<Output>,
) {
  return async (payload: unknown, ack?: (response: Ack<Output>) => void): Promise<void> => {
    const reply = typeof ack === 'function' ? ack : () => undefined;
    const conversationId = (payload as { conversationId?: unknown } | null)?.conversationId;
    const log = deps.logger.child({
      event,
      eventId: randomUUID(),
      agentId: socket.data.agent.id,
      socketId: socket.id,
      ...(typeof conversationId === 'string' ? { conversationId } : {}),
    });
    try {
      socket.data.agent = await deps.auth.recheckSession(socket.data.agent.sessionId);
    } catch (error) {
      const appError = toAppError(error);
      deps.metrics.errors.inc({ code: appError.code });
      reply({ ok: false, error: toErrorBody(appError) });
      if (SESSION_ENDING.has(appError.code)) endSession(socket, appError);
      else log.error({ err: error }, 'agent session check failed');
      return;
    }
    try {
      reply({ ok: true, ...(await handler(schema.parse(payload), socket.data.agent, log)) });
    } catch (error) {
      const appError = toAppError(error);
      deps.metrics.errors.inc({ code: appError.code });
      if (appError.code === 'INTERNAL') log.error({ err: error }, 'agent event failed');
      else log.debug({ code: appError.code }, 'agent event refused');
      reply({ ok: false, error: toErrorBody(appError) });
    }
  };
}
