import { agentTokenFromHandshake, authenticateAgentToken } from '../../api/agent-auth-middleware.js';
import { AppError } from '../../errors/app-error.js';
import { clientAddress } from '../connection-guard.js';
import { handshakeRefusal } from '../socket-errors.js';
import { isConsoleOriginAllowed } from './console-origin.js';
import type { AgentNamespaceDeps, AgentSocket } from './agent-socket.js';

/**
 * The `/agent` handshake: the address's budgets first (before any work for a stranger), then Origin (a cross-site page must not ride on the console's cookie), then
 * the session token (`auth.token`, a bearer header or the session cookie) with its row. A refusal
 * reaches the client as `connect_error` with `data` = `{code, message}`.
 */
export function agentHandshake(
  deps: Pick<AgentNamespaceDeps, 'auth' | 'origins' | 'metrics' | 'logger' | 'guard' | 'trustedProxyHops'>,
) {
  return async (socket: AgentSocket, next: (error?: Error) => void): Promise<void> => {
    let release: (() => void) | undefined;
    try {
      release = await deps.guard?.admitSocket(clientAddress(socket.handshake, deps.trustedProxyHops ?? 0), socket);
      const { headers } = socket.handshake;
      if (!isConsoleOriginAllowed(headers.origin, headers.host, deps.origins)) {
        throw new AppError('FORBIDDEN_ORIGIN', 'The agent console is not allowed from this origin.');
      }
      const agent = await authenticateAgentToken(deps.auth, agentTokenFromHandshake(socket.handshake));
      socket.data = { agent, watching: new Map() };
      next();
    } catch (error) {
      release?.();
      next(handshakeRefusal(error, deps, 'agent'));
    }
  };
}
