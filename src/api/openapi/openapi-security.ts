import { INTEGRATION_SCOPES } from '../../contracts/integration-auth.js';
import { AGENT_SESSION_COOKIE, CSRF_HEADER } from '../agent-auth-middleware.js';
import type { Operation } from './openapi-operation.js';

/** The document's security schemes: integration OAuth, client credentials, the operator, agent sessions. */
export const SECURITY_SCHEMES = {
  oauth2: {
    type: 'oauth2',
    description: 'Integration tokens (docs/api.md): client credentials, short-lived opaque bearer tokens.',
    flows: {
      clientCredentials: {
        tokenUrl: '/oauth/token',
        scopes: Object.fromEntries(INTEGRATION_SCOPES.map((scope) => [scope, scope])),
      },
    },
  },
  clientBasic: {
    type: 'http',
    scheme: 'basic',
    description: 'client_id:client_secret (or client_secret_post: both in the form)',
  },
  operatorToken: {
    type: 'http',
    scheme: 'bearer',
    description: 'The bootstrap ADMIN_API_TOKEN (first set-up and operators; docs/admin-api.md)',
  },
  agentBearer: {
    type: 'http',
    scheme: 'bearer',
    description: "An agent's session token from POST /api/auth/login (docs/agents.md)",
  },
  agentCookie: {
    type: 'apiKey',
    in: 'cookie',
    name: AGENT_SESSION_COOKIE,
    description: "The console's HttpOnly session cookie; writes also need the CSRF header",
  },
  csrfToken: {
    type: 'apiKey',
    in: 'header',
    name: CSRF_HEADER,
    description: 'The csrfToken of the session (also the readable sb_csrf cookie), on cookie-authenticated writes',
  },
} as const;

/** The security requirement of an operation (alternatives; the schemes inside one object all apply). */
export function securityOf(operation: Operation): Array<Record<string, string[]>> {
  const cookie: Record<string, string[]> = operation.method === 'get' ? { agentCookie: [] } : { agentCookie: [], csrfToken: [] };
  switch (operation.security) {
    case 'oauth':
      return [{ oauth2: [operation.scope!] }];
    case 'client':
      return [{ clientBasic: [] }, {}];
    case 'operator':
      return [{ operatorToken: [] }];
    case 'manager':
      return [{ operatorToken: [] }, { agentBearer: [] }, cookie];
    case 'agent':
      return [{ agentBearer: [] }, cookie];
    case 'public':
      return [];
  }
}
